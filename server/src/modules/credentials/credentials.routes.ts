import type { AppDeps, App } from '../../http/types.ts';
import { notFound } from '../../http/errors.ts';
import { SKILLCERT_CONTEXT_PATH, skillcertContext } from './credentials.contexts.ts';
import { OrgParams, StatusListParams, VERIFY_BODY_LIMIT, VerificationResult, VerifyBody } from './credentials.schema.ts';
import { claimVerification } from './credentials.throttle.ts';

const tags = ['credentials'];
const contextJson = JSON.stringify(skillcertContext);

/**
 * The documents a verifier anywhere fetches (our JSON-LD context, issuers' did:web documents, signed status lists —
 * outside /api, open to all, cacheable) and the free public check of a pasted credential.
 */
export function registerCredentialRoutes(app: App, deps: AppDeps): void {
  app.get(SKILLCERT_CONTEXT_PATH, { schema: { hide: true } }, async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=86400').header('access-control-allow-origin', '*').type('application/ld+json');
    return reply.send(contextJson);
  });

  app.get('/issuers/:orgId/did.json', { schema: { hide: true, params: OrgParams } }, async (req, reply) => {
    const doc = await deps.credentials.didDocument(deps.db, req.params.orgId);
    if (!doc) throw notFound('issuer');
    reply.header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*').type('application/did+json');
    return reply.send(JSON.stringify(doc));
  });

  app.get('/issuers/:orgId/status/:listId', { schema: { hide: true, params: StatusListParams } }, async (req, reply) => {
    const list = await deps.credentials.statusListCredential(deps.db, req.params.orgId, req.params.listId);
    if (!list) throw notFound('status list');
    reply.header('etag', list.etag).header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*');
    if (req.headers['if-none-match'] === list.etag) return reply.code(304).send();
    return reply.type('application/vc+ld+json').send(list.json);
  });

  app.post(
    '/api/public/verify',
    {
      config: { public: true },
      bodyLimit: VERIFY_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Verify a pasted or uploaded credential: each check (pass / fail / could not check) and whether it is valid',
        body: VerifyBody,
        response: { 200: VerificationResult },
      },
    },
    async (req) => {
      await claimVerification(deps.db, req.ip);
      return deps.credentials.verifyCredential(deps.db, req.body);
    },
  );
}
