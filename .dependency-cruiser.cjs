/**
 * Boundaries, enforced (`npm run lint:boundaries`, part of `npm run lint` and `npm test`). docs/ARCHITECTURE.md explains them.
 * Known violations that predate the rules are listed in .dependency-cruiser-known-violations.json (`--ignore-known`);
 * new code may not add any: fix the import, or move the shared helper where it belongs.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'rules-are-pure',
      severity: 'error',
      comment:
        'A *.rules.ts file holds pure functions of the domain rules (R1–R15): no database, HTTP or Fastify code, no service/repository/routes. Type-only imports (a row type, Locale) bring no code and are allowed; so is the one error model (http/errors.ts imports nothing), since a rule may refuse with a typed AppError.',
      from: { path: '\\.rules\\.ts$' },
      to: {
        dependencyTypesNot: ['type-only'],
        path: [
          '^server/src/db/',
          '^server/src/http/(?!errors\\.ts$)',
          '^server/src/context\\.ts$',
          '\\.(service|repository|routes)\\.ts$',
          '(^|/)node_modules/(fastify|@fastify/|fastify-[^/]+|drizzle-orm|pg|@electric-sql/pglite)(/|$)',
        ],
      },
    },
    {
      name: 'modules-meet-through-service-or-repository',
      severity: 'error',
      comment:
        'A server module uses another only through its *.service.ts or *.repository.ts (and its pure *.rules.ts, and its *.tasks.ts worker entry points) — never its routes or internals. The access module (policy.ts) is the one every service consults; policy profiles are typed data anyone may read; the building blocks without routes or tables (identity vault, tickets and sheets, photos, seating) are libraries whose files are their interface.',
      from: { path: '^server/src/modules/([^/]+)/' },
      to: {
        path: '^server/src/modules/[^/]+/',
        pathNot: [
          '^server/src/modules/$1/',
          '^server/src/modules/access/',
          '^server/src/modules/policies/profiles/',
          '^server/src/modules/(identity|tickets|photos|seating)/',
          '\\.(service|repository|rules|tasks)\\.ts$',
        ],
      },
    },
    {
      name: 'no-routes-outside-app',
      severity: 'error',
      comment: 'Routes are registered by server/src/app.ts only; nothing else imports a *.routes.ts.',
      from: { path: '^server/src/', pathNot: ['^server/src/app\\.ts$'] },
      to: { path: '\\.routes\\.ts$' },
    },
    {
      name: 'web-never-imports-server',
      severity: 'error',
      comment: 'The web app talks to the server over HTTP; shared types come from packages/shared.',
      from: { path: '^web/' },
      to: { path: '^server/' },
    },
    {
      name: 'shared-stands-alone',
      severity: 'error',
      comment: 'packages/shared is imported by both sides and imports neither.',
      from: { path: '^packages/shared/' },
      to: { path: '^(server|web)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|test-artifacts)/' },
    tsPreCompilationDeps: true,
    // web's `@/…` alias; relative imports and the @skillcert/shared workspace link resolve without it.
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    combinedDependencies: true,
  },
};
