import { IdParams } from '@skillcert/shared/api/common';
import { JobView } from '@skillcert/shared/api/enrolment';
import { LedgerExportBody, LedgerPage, LedgerQuery } from '@skillcert/shared/api/ledger';
import { attachment } from '../../http/content-disposition.ts';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './ledger.service.ts';

const tags = ['ledger'];

export function registerLedgerRoutes(app: App, deps: AppDeps): void {
  service.registerLedgerJobs(deps.db, deps.identity);
  app.get(
    '/api/ledger',
    {
      config: { action: 'ledger.read' },
      schema: {
        tags,
        summary: '工作台账 (R14): one part of the ledger of the institutions in scope, with every part’s count (ID numbers masked)',
        querystring: LedgerQuery,
        response: { 200: LedgerPage },
      },
    },
    async (req) => service.browseLedger(ctxOf(req, deps), deps.identity, req.query),
  );
  app.post(
    '/api/ledger/export',
    {
      config: { action: 'ledger.read' },
      schema: {
        tags,
        summary: 'The ledger as Excel (one sheet per part), built by a background job (poll /api/jobs/:id, download /api/jobs/:id/result)',
        body: LedgerExportBody,
        response: { 202: JobView },
      },
    },
    async (req, reply) => reply.status(202).send(await service.startLedgerExport(ctxOf(req, deps), req.body)),
  );
  app.post(
    '/api/plans/:id/archive',
    {
      config: { action: 'ledger.archive' },
      schema: {
        tags,
        summary: '一批一档: every record of one plan as one ZIP with a manifest of SHA-256 hashes, built by a background job',
        params: IdParams,
        response: { 202: JobView },
      },
    },
    async (req, reply) => reply.status(202).send(await service.startBatchArchive(ctxOf(req, deps), req.params.id)),
  );
  // The ledger's jobs for their readers (bureaus do not hold enrolment.manage, which guards /api/jobs): the creator only.
  app.get(
    '/api/ledger/jobs/:id',
    {
      config: { action: 'ledger.read' },
      schema: { tags, summary: 'My ledger export or batch archive job: status and progress', params: IdParams, response: { 200: JobView } },
    },
    async (req) => service.ledgerJob(ctxOf(req, deps), req.params.id),
  );
  app.get(
    '/api/ledger/jobs/:id/result',
    { config: { action: 'ledger.read' }, schema: { tags, summary: 'The finished export (xlsx) or archive (zip)', params: IdParams } },
    async (req, reply) => {
      const r = await service.ledgerJobResult(ctxOf(req, deps), req.params.id);
      return reply.header('content-disposition', attachment(r.name)).type(r.type).send(r.data);
    },
  );
}
