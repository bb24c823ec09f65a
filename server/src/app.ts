import { registerPublicCache } from './http/public-cache.ts';
import { registerRateLimit } from './http/rate-limit.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type RegisteredRoute, registerAccessHook } from './http/access-hook.ts';
import { registerEdgeTextCheck } from './http/edge-text.ts';
import { frameworkErrors, registerErrorHandler } from './http/error-handler.ts';
import { safeLogger } from './http/logging.ts';
import { openapiTransform, openapiTransformObject } from './http/openapi.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { staticOptions } from './http/static-files.ts';
import type { App, AppDeps } from './http/types.ts';
import { warmWorkerPool } from './lib/worker-pool.ts';
import { parseItemsTask } from './modules/items/items.tasks.ts';
import { readScoresTask } from './modules/papers/papers.tasks.ts';
import { readQtiPackageTask } from './modules/qti/qti.tasks.ts';
import { registerAuditRoutes } from './modules/audit/audit.routes.ts';
import { registerComplaintRoutes } from './modules/complaints/complaints.routes.ts';
import { registerLedgerRoutes } from './modules/ledger/ledger.routes.ts';
import { registerAuthRoutes } from './modules/auth/auth.routes.ts';
import { registerHealthRoutes } from './modules/health/health.routes.ts';
import { registerOrganisationRoutes } from './modules/organisations/organisations.routes.ts';
import { registerRegionRoutes } from './modules/regions/regions.routes.ts';
import { registerUserRoutes } from './modules/users/users.routes.ts';
import { registerAttachmentRoutes } from './modules/attachments/attachments.routes.ts';
import { registerFilingRoutes } from './modules/filings/filings.routes.ts';
import { registerInstitutionRoutes } from './modules/institutions/institutions.routes.ts';
import { registerOccupationRoutes } from './modules/occupations/occupations.routes.ts';
import { registerPolicyRoutes } from './modules/policies/policies.routes.ts';
import { registerSpecRoutes } from './modules/specs/specs.routes.ts';
import { registerBlueprintRoutes } from './modules/blueprints/blueprints.routes.ts';
import { registerCurriculumRoutes } from './modules/curriculum/curriculum.routes.ts';
import { registerItemRoutes } from './modules/items/items.routes.ts';
import { registerPaperRoutes } from './modules/papers/papers.routes.ts';
import { registerPlanRoutes } from './modules/plans/plans.routes.ts';
import { registerEnrolmentRoutes } from './modules/enrolments/enrolments.routes.ts';
import { registerCandidateRoutes } from './modules/candidates/candidates.routes.ts';
import { registerResultRoutes } from './modules/results/results.routes.ts';
import { registerPublicityRoutes } from './modules/publicity/publicity.routes.ts';
import { registerSupervisionRoutes } from './modules/supervision/supervision.routes.ts';
import { registerMarkingRoutes } from './modules/marking/marking.routes.ts';
import { registerCredentialRoutes } from './modules/credentials/credentials.routes.ts';
import { registerCertificateRoutes } from './modules/certificates/certificates.routes.ts';
import { registerReportingRoutes } from './modules/reporting/reporting.routes.ts';
import { registerSubsidyRoutes } from './modules/subsidies/subsidies.routes.ts';
import { signerOfKit } from './certificate-signer.ts';
import { registerSanctionRoutes } from './modules/sanctions/sanctions.routes.ts';
import { registerInspectionRoutes } from './modules/inspections/inspections.routes.ts';
import { registerSignalRoutes } from './modules/signals/signals.routes.ts';
import { createCredentialsKit } from './modules/credentials/credentials.service.ts';
import { secretVaultFromKey } from './modules/credentials/credentials.secrets.ts';
import { registerExamRoutes } from './modules/exams/exams.routes.ts';
import { registerExternalCertificateRoutes } from './modules/external-certificates/external-certificates.routes.ts';
import { registerStatisticsRoutes } from './modules/statistics/statistics.routes.ts';

const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export interface BuiltApp {
  app: App;
  /** Every /api route with the action it names (for the access-matrix test). */
  routes: RegisteredRoute[];
}

/** What buildApp needs; without `credentials` (callers that never sign: the OpenAPI dump) a kit with a throwaway key. */
export type AppDepsInput = Omit<AppDeps, 'credentials'> & Partial<Pick<AppDeps, 'credentials'>>;

export async function buildApp(input: AppDepsInput, logger: FastifyServerOptions['logger'] = { level: input.config.logLevel }): Promise<BuiltApp> {
  const deps: AppDeps = {
    ...input,
    credentials: input.credentials ?? createCredentialsKit({ origin: input.config.publicOrigin, vault: secretVaultFromKey(randomBytes(32)) }),
  };
  const app = Fastify({
    logger: safeLogger(logger),
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.trustProxy,
    frameworkErrors,
    genReqId: (req) => {
      // A client's own X-Request-Id is kept only from a trusted proxy; anyone else could forge log lines' ids.
      const given = deps.config.trustProxy ? req.headers['x-request-id'] : undefined;
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON bodies: a cross-site <form> cannot send one (part of the CSRF defence).
  app.removeContentTypeParser('text/plain');
  // A JSON write without a body (logout, delete) may still say it is JSON.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (body === '') return done(null, undefined);
    return jsonParser(req, body.toString(), done);
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  registerErrorHandler(app, deps.config.webDist);
  await registerSecurityHeaders(app, { https: deps.config.cookieSecure });
  await app.register(fastifyCookie);
  registerEdgeTextCheck(app);
  const routes: RegisteredRoute[] = [];
  registerAccessHook(app, deps, routes);
  await registerRateLimit(app, deps.db, deps.dbKind);
  await registerPublicCache(app, deps.db, deps.dbKind);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'skillcert API — 职业技能等级认定平台',
        version: '0.1.0',
        // the project is not published under an open licence
        license: { name: 'Proprietary — all rights reserved', identifier: 'LicenseRef-skillcert-proprietary' },
      },
      // paths are absolute (/api/…) on whatever host serves the app
      servers: [{ url: '/', description: 'The server this description was fetched from' }],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'skillcert_session' } } },
      security: [{ session: [] }],
    },
    // operationIds, public security, download media types, error responses: see http/openapi.ts
    transform: openapiTransform(),
    transformObject: openapiTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  registerHealthRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerRegionRoutes(app, deps);
  registerOrganisationRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerPolicyRoutes(app);
  registerOccupationRoutes(app, deps);
  registerAttachmentRoutes(app, deps);
  registerFilingRoutes(app, deps);
  registerInstitutionRoutes(app, deps);
  registerSpecRoutes(app, deps);
  registerBlueprintRoutes(app, deps);
  registerItemRoutes(app, deps);
  registerPaperRoutes(app, deps);
  registerCurriculumRoutes(app, deps);
  registerPlanRoutes(app, deps);
  registerEnrolmentRoutes(app, deps);
  registerCandidateRoutes(app, deps);
  registerResultRoutes(app, deps);
  registerPublicityRoutes(app, deps);
  registerSupervisionRoutes(app, deps);
  registerMarkingRoutes(app, deps);
  registerCredentialRoutes(app, deps);
  registerExamRoutes(app, deps);
  registerCertificateRoutes(app, deps, signerOfKit(deps.credentials), deps.config.publicOrigin);
  registerExternalCertificateRoutes(app, deps);
  registerReportingRoutes(app, deps);
  registerSubsidyRoutes(app, deps);
  registerComplaintRoutes(app, deps);
  registerLedgerRoutes(app, deps);
  registerStatisticsRoutes(app, deps);
  registerSanctionRoutes(app, deps, signerOfKit(deps.credentials));
  registerInspectionRoutes(app, deps);
  registerSignalRoutes(app, deps);

  if (fs.existsSync(path.join(deps.config.webDist, 'index.html'))) {
    await app.register(fastifyStatic, staticOptions(deps.config.webDist));
  }
  // The parsers' worker threads start with the server (lib/worker-pool.ts); a failure here is not fatal: tasks retry.
  await warmWorkerPool([parseItemsTask, readQtiPackageTask, readScoresTask]).catch((err: unknown) => app.log.warn({ err }, 'worker pool did not warm up'));
  await app.ready();
  return { app, routes };
}
