import { IdParams } from '@skillcert/shared/api/common';
import {
  Decision,
  DecisionBody,
  DisputeQueue,
  MarkBody,
  MarkingProgress,
  MarkingQueue,
  MarkRecord,
  MarkRecordQuery,
  PaperMarkBody,
  RemarkBody,
  RemarkRequest,
  SavedMark,
} from '@skillcert/shared/api/marking';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './marking.service.ts';

const tags = ['marking'];

export function registerMarkingRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/marking/queue',
    {
      config: { action: 'marking.mark' },
      schema: {
        tags,
        summary: 'My marking queue (R9: what I am staffed/drawn for), blind: exam numbers, never names or other marks',
        response: { 200: MarkingQueue },
      },
    },
    async (req) => service.markingQueue(ctxOf(req, deps)),
  );
  app.put(
    '/api/marking/marks',
    {
      config: { action: 'marking.mark' },
      schema: {
        tags,
        summary: 'Mark (or correct my mark of) a candidate’s item on its rubric; a requested re-mark when one is open for me',
        body: MarkBody,
        response: { 200: SavedMark },
      },
    },
    async (req) => service.saveMark(ctxOf(req, deps), req.body),
  );
  app.post(
    '/api/marking/paper-marks',
    {
      bodyLimit: 15 * 1024 * 1024,
      config: { action: 'marking.mark' },
      schema: {
        tags,
        summary: 'Enter a mark from a signed paper sheet with its scan (PDF/JPEG/PNG), in one request',
        body: PaperMarkBody,
        response: { 201: SavedMark },
      },
    },
    async (req, reply) => {
      const { sheet, ...mark } = req.body;
      return reply.status(201).send(await service.saveMark(ctxOf(req, deps), mark, sheet));
    },
  );
  app.get(
    '/api/marking/disputes',
    {
      config: { action: 'marking.mark' },
      schema: { tags, summary: 'The chief examiner’s queue: disputed items with the marks side by side', response: { 200: DisputeQueue } },
    },
    async (req) => service.disputeQueue(ctxOf(req, deps)),
  );
  app.post(
    '/api/marking/decisions',
    {
      config: { action: 'marking.mark' },
      schema: { tags, summary: 'The chief examiner decides a disputed item (final), with a reason', body: DecisionBody, response: { 201: Decision } },
    },
    async (req, reply) => reply.status(201).send(await service.decideDispute(ctxOf(req, deps), req.body)),
  );
  app.get(
    '/api/plans/:id/marking',
    {
      config: { action: 'plan.read' },
      schema: {
        tags,
        summary: 'A plan’s marking progress per part: waiting / agreed / disputed / decided',
        params: IdParams,
        response: { 200: MarkingProgress },
      },
    },
    async (req) => service.markingProgress(ctxOf(req, deps), req.params.id),
  );
  app.get(
    '/api/plans/:id/marks',
    {
      config: { action: 'plan.read' },
      schema: {
        tags,
        summary: 'The whole mark record (every mark, decision and re-mark) of a plan or one candidate — HR, supervisors, the institution',
        params: IdParams,
        querystring: MarkRecordQuery,
        response: { 200: MarkRecord },
      },
    },
    async (req) => service.markRecord(ctxOf(req, deps), req.params.id, req.query.enrolmentId),
  );
  app.post(
    '/api/plans/:id/remarks',
    {
      config: { action: 'marking.manage' },
      schema: {
        tags,
        summary: '复核: ask a different examiner (R9) to re-mark a candidate’s item, e.g. after an objection',
        params: IdParams,
        body: RemarkBody,
        response: { 201: RemarkRequest },
      },
    },
    async (req, reply) => reply.status(201).send(await service.requestRemark(ctxOf(req, deps), req.params.id, req.body)),
  );
}
