import { IdParams } from '@skillcert/shared/api/common';
import { ReasonBody, Signal, SignalPage, SignalQuery, SignalRunResult } from '@skillcert/shared/api/sanctions';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './signals.service.ts';

const tags = ['signals'];

export function registerSignalRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/signals',
    {
      config: { action: 'signal.read' },
      schema: { tags, summary: 'Anomaly signals of my region, each with its evidence', querystring: SignalQuery, response: { 200: SignalPage } },
    },
    async (req) => service.listSignals(ctxOf(req, deps), req.query),
  );
  app.post(
    '/api/signals/detect',
    {
      config: { action: 'signal.manage' },
      schema: { tags, summary: 'Run the detectors over my region now', body: z.strictObject({}), response: { 200: SignalRunResult } },
    },
    async (req) => service.detectSignals(ctxOf(req, deps)),
  );
  app.post(
    '/api/signals/:id/dismiss',
    { config: { action: 'signal.manage' }, schema: { tags, summary: 'Dismiss with a reason', params: IdParams, body: ReasonBody, response: { 200: Signal } } },
    async (req) => service.dismissSignal(ctxOf(req, deps), req.params.id, req.body.reason),
  );
  app.post(
    '/api/signals/:id/inspection',
    {
      config: { action: 'signal.manage' },
      schema: {
        tags,
        summary: 'Open an inspection from the signal',
        params: IdParams,
        body: z.strictObject({ title: z.string().trim().min(1).max(200) }),
        response: { 200: Signal },
      },
    },
    async (req) => service.inspectFromSignal(ctxOf(req, deps), req.params.id, req.body.title),
  );
}
