import { AuditPage, AuditQuery, AuditVerifyResult } from '@skillcert/shared/api/audit';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import { requireAction } from '../access/policy.ts';
import { listAudit, verifyChain } from './audit.service.ts';

const tags = ['audit'];

export function registerAuditRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/audit',
    { config: { action: 'audit.read' }, schema: { tags, summary: 'Audit log, newest first', querystring: AuditQuery, response: { 200: AuditPage } } },
    async (req) => {
      const ctx = ctxOf(req, deps);
      const { page, pageSize, ...filter } = req.query;
      return listAudit(ctx, filter, page, pageSize);
    },
  );
  app.get(
    '/api/audit/verify',
    {
      config: { action: 'audit.verify' },
      schema: { tags, summary: 'Verify the hash chain; names the first broken entry', response: { 200: AuditVerifyResult } },
    },
    async (req) => {
      const ctx = ctxOf(req, deps);
      requireAction(ctx.actor, 'audit.verify');
      // The chain is one for the whole platform: a bureau verifies all of it and learns only where it breaks.
      return verifyChain(ctx.db);
    },
  );
}
