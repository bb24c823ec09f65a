import { sendJson } from '../../http/public-cache.ts';
import { PUBLIC_RATE } from '../../http/rate-limit.ts';
import { IdParams } from '@skillcert/shared/api/common';
import {
  AnswerBody,
  ObjectionBody,
  ObjectionParams,
  ObjectionReceipt,
  ObjectionView,
  PublicityAdmin,
  PublicityParams,
  PublicitySummary,
  PublicObjection,
  PublicPublicity,
  PublishBody,
  TrackingParams,
} from '@skillcert/shared/api/results';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './publicity.service.ts';

const tags = ['publicity'];

export function registerPublicityRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/plans/:id/publicity',
    {
      config: { action: 'result.manage' },
      schema: {
        tags,
        summary: '公示: publish the plan’s results for the profile’s working days (refused while any result is pending)',
        params: IdParams,
        body: PublishBody,
        response: { 200: PublicityAdmin },
      },
    },
    async (req) => service.publish(ctxOf(req, deps), req.params.id, req.body),
  );
  app.get(
    '/api/plans/:id/publicity',
    {
      config: { action: 'result.read' },
      schema: {
        tags,
        summary: 'The publicity window, the objections and who is cleared for certificates',
        params: IdParams,
        response: { 200: PublicityAdmin },
      },
    },
    async (req) => service.publicityAdmin(ctxOf(req, deps), req.params.id),
  );
  app.post(
    '/api/plans/:id/objections/:objectionId/answer',
    {
      config: { action: 'result.manage' },
      schema: { tags, summary: 'The institution answers an objection (异议)', params: ObjectionParams, body: AnswerBody, response: { 200: ObjectionView } },
    },
    async (req) => service.answerObjection(ctxOf(req, deps), req.params.id, req.params.objectionId, req.body.answer),
  );
  app.get(
    '/api/public/publicity',
    {
      config: { public: true, rateLimit: PUBLIC_RATE.lookup },
      schema: {
        tags: ['public'],
        summary: '公示: results published now (and closed in the last 30 days)',
        response: { 200: z.object({ items: z.array(PublicitySummary) }) },
      },
    },
    async () => service.publicList(deps.db),
  );
  app.get(
    '/api/public/publicity/:planId',
    {
      config: { public: true, rateLimit: PUBLIC_RATE.lookup },
      schema: {
        tags: ['public'],
        summary: 'One publicity: masked names, exam numbers and outcomes',
        params: PublicityParams,
        response: { 200: PublicPublicity },
      },
    },
    async (req, reply) => sendJson(reply, PublicPublicity, await service.publicDetail(deps.db, req.params.planId)),
  );
  app.post(
    '/api/public/publicity/:planId/objections',
    {
      config: { public: true, rateLimit: PUBLIC_RATE.write },
      schema: {
        tags: ['public'],
        summary: 'Lodge an objection (异议) during publicity; answers a tracking code (throttled per address)',
        params: PublicityParams,
        body: ObjectionBody,
        response: { 201: ObjectionReceipt },
      },
    },
    async (req, reply) => reply.status(201).send(await service.lodgeObjection(deps.db, req.params.planId, req.body, { ip: req.ip, requestId: req.id })),
  );
  app.get(
    '/api/public/objections/:code',
    {
      config: { public: true, rateLimit: PUBLIC_RATE.search },
      schema: {
        tags: ['public'],
        summary: 'An objection’s status and answer by its tracking code',
        params: TrackingParams,
        response: { 200: PublicObjection },
      },
    },
    async (req) => service.trackObjection(deps.db, req.params.code),
  );
}
