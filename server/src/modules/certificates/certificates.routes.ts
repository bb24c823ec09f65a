import { sendJson } from '../../http/public-cache.ts';
import { handlerLimit, PUBLIC_RATE } from '../../http/rate-limit.ts';
import {
  Certificate,
  CertificateBatch,
  CertificateNumberParams,
  CertificateQuery,
  IssueBody,
  MyCertificates,
  PublicCertificate,
  PublicSearchBody,
  PublicSearchResult,
  ReissueBody,
  RevokeBody,
} from '@skillcert/shared/api/certificates';
import { IdParams, pageOf } from '@skillcert/shared/api/common';
import { JobView } from '@skillcert/shared/api/enrolment';
import { z } from 'zod';
import { attachment } from '../../http/content-disposition.ts';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './certificates.service.ts';
import type { CertificateSigner } from './certificates.signing.ts';

const tags = ['certificates'];
const BatchResponse = z.object({ batch: CertificateBatch, job: JobView });

export function registerCertificateRoutes(app: App, appDeps: AppDeps, signer: CertificateSigner, origin: string): void {
  const deps = { db: appDeps.db, identity: appDeps.identity, signer, origin };
  service.registerCertificateJobs(deps);

  // --- Free public query (R10): no login, masked, rate-limited per client across processes ---
  app.get(
    '/api/public/certificates/:number',
    {
      config: { public: true, rateLimit: PUBLIC_RATE.lookup },
      schema: {
        tags: ['public'],
        summary: 'R10: verify a certificate by its number (holder masked; revoked shown as revoked)',
        params: CertificateNumberParams,
        response: { 200: PublicCertificate },
      },
    },
    async (req, reply) => sendJson(reply, PublicCertificate, await service.publicByNumber(deps, req.params.number)),
  );
  // PUBLIC_RATE.search, counted in the handler (service.publicSearch): the look-up travels with the client's lease.
  const searchDeps = { ...deps, limit: handlerLimit(app) };
  app.post(
    '/api/public/certificates/search',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: 'R10: a person’s certificates by name + ID number (the national query’s form)',
        body: PublicSearchBody,
        response: { 200: PublicSearchResult },
      },
    },
    async (req, reply) => sendJson(reply, PublicSearchResult, await service.publicSearch(searchDeps, req.body, req.ip)),
  );
  app.get(
    '/api/public/certificates/:number/credential',
    {
      config: { public: true, rateLimit: PUBLIC_RATE.lookup },
      schema: { tags: ['public'], summary: 'The signed electronic certificate (W3C Verifiable Credential 2.0)', params: CertificateNumberParams },
    },
    async (req, reply) => {
      const json = await service.publicCredential(deps.db, req.params.number);
      return reply
        .header('content-disposition', attachment(`${req.params.number}.json`))
        .type('application/vc+ld+json; charset=utf-8')
        .send(json);
    },
  );

  // --- The institution: a plan's batch, the list, revoke, reissue ---
  app.post(
    '/api/plans/:id/certificates/batch',
    {
      config: { action: 'certificate.issue' },
      schema: {
        tags,
        summary: 'Issue the plan’s certificates to its cleared candidates (a background job; resumable, exactly once)',
        params: IdParams,
        body: IssueBody,
        response: { 202: BatchResponse },
      },
    },
    async (req, reply) => reply.status(202).send(await service.startBatch(ctxOf(req, appDeps), req.params.id, req.body ?? {})),
  );
  app.get(
    '/api/plans/:id/certificates/batch',
    {
      config: { action: 'certificate.read' },
      schema: { tags, summary: 'The plan’s batch: issued so far, candidates not cleared and why', params: IdParams, response: { 200: CertificateBatch } },
    },
    async (req) => service.getBatch(ctxOf(req, appDeps), req.params.id),
  );
  app.get(
    '/api/certificates',
    {
      config: { action: 'certificate.read' },
      schema: {
        tags,
        summary: 'Certificates of my institution (school) or region (HR): search, plan, status, paging',
        querystring: CertificateQuery,
        response: { 200: pageOf(Certificate) },
      },
    },
    async (req) => service.listCertificates(deps, ctxOf(req, appDeps), req.query),
  );
  app.post(
    '/api/certificates/:id/revoke',
    {
      config: { action: 'certificate.revoke' },
      schema: {
        tags,
        summary: 'Revoke (撤销) with a reason: status list, certificate and audit in one transaction',
        params: IdParams,
        body: RevokeBody,
        response: { 200: Certificate },
      },
    },
    async (req) => service.revokeCertificate(deps, ctxOf(req, appDeps), req.params.id, req.body.reason),
  );
  app.post(
    '/api/certificates/:id/reissue',
    {
      config: { action: 'certificate.issue' },
      schema: { tags, summary: '补发/换发: same number, new print serial and remark', params: IdParams, body: ReissueBody, response: { 200: Certificate } },
    },
    async (req) => service.reissueCertificate(deps, ctxOf(req, appDeps), req.params.id, req.body),
  );
  app.post(
    '/api/certificates/issuer-key/rotate',
    {
      config: { action: 'certificate.key_rotate' },
      schema: {
        tags,
        summary: 'Rotate my organisation’s signing key (school: its institution key; HR: its 专项 key); earlier certificates still verify',
        response: { 200: z.object({ keyNo: z.number().int(), validFrom: z.string() }) },
      },
    },
    async (req) => service.rotateIssuerKey(deps, ctxOf(req, appDeps)),
  );
  app.get(
    '/api/certificates/:id/credential',
    { config: { action: 'certificate.read' }, schema: { tags, summary: 'The signed credential JSON of one certificate', params: IdParams } },
    async (req, reply) => {
      const c = await service.certificateFor(ctxOf(req, appDeps), req.params.id);
      return reply
        .header('content-disposition', attachment(`${c.number}.json`))
        .type('application/vc+ld+json; charset=utf-8')
        .send(c.credential ?? '{}');
    },
  );

  app.get(
    '/api/certificates/:id/pdf',
    {
      config: { action: 'certificate.read' },
      schema: { tags, summary: 'The printed certificate (A4 PDF, QR to /verify/<number>)', params: IdParams, produces: ['application/pdf'] },
    },
    async (req, reply) => {
      const { file, name } = await service.certificatePdf(deps, ctxOf(req, appDeps), req.params.id);
      return reply.header('content-disposition', attachment(name)).type('application/pdf').send(file);
    },
  );
  app.post(
    '/api/plans/:id/certificates/pdf-zip',
    {
      config: { action: 'certificate.issue' },
      schema: {
        tags,
        summary: 'All PDFs of the plan’s certificates as one ZIP, built by a background job (poll /api/jobs/:id)',
        params: IdParams,
        response: { 202: JobView },
      },
    },
    async (req, reply) => reply.status(202).send(await service.startPdfZip(ctxOf(req, appDeps), req.params.id)),
  );

  // --- The holder ---
  app.get(
    '/api/me/certificates/:id/pdf',
    {
      config: { action: 'candidate.self' },
      schema: { tags: ['candidate'], summary: 'My printed certificate (PDF)', params: IdParams, produces: ['application/pdf'] },
    },
    async (req, reply) => {
      const { file, name } = await service.certificatePdf(deps, ctxOf(req, appDeps), req.params.id);
      return reply.header('content-disposition', attachment(name)).type('application/pdf').send(file);
    },
  );
  app.get(
    '/api/me/certificates',
    { config: { action: 'candidate.self' }, schema: { tags: ['candidate'], summary: 'My certificates', response: { 200: MyCertificates } } },
    async (req) => service.myCertificates(deps, ctxOf(req, appDeps)),
  );
  app.get(
    '/api/me/certificates/:id/credential',
    { config: { action: 'candidate.self' }, schema: { tags: ['candidate'], summary: 'My signed credential JSON', params: IdParams } },
    async (req, reply) => {
      const c = await service.certificateFor(ctxOf(req, appDeps), req.params.id);
      return reply
        .header('content-disposition', attachment(`${c.number}.json`))
        .type('application/vc+ld+json; charset=utf-8')
        .send(c.credential ?? '{}');
    },
  );
}
