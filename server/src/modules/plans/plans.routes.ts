import { IdParams } from '@skillcert/shared/api/common';
import {
  AssignSupervisorsBody,
  DrawBody,
  DrawParams,
  DrawReplay,
  DrawView,
  ChangeDecisionBody,
  ChangeParams,
  ChangeRequestBody,
  PlanBody,
  PlanCheckReport,
  PlanDetail,
  PlanOptions,
  PlanPage,
  PlanQuery,
  PlanSubmitBody,
  PlanTransitionBody,
  SittingParams,
  SupervisorOptions,
} from '@skillcert/shared/api/plans';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as draws from './plans.draws.service.ts';
import * as service from './plans.service.ts';

const tags = ['plans'];

export function registerPlanRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/plans',
    {
      config: { action: 'plan.read' },
      schema: { tags, summary: '认定计划 in my scope; todo=true: waiting for me', querystring: PlanQuery, response: { 200: PlanPage } },
    },
    async (req) => service.listPlans(ctxOf(req, deps), req.query),
  );
  app.post(
    '/api/plans',
    {
      config: { action: 'plan.manage' },
      schema: { tags, summary: 'Draft a plan: subject, basis, method, parts, sittings, staff', body: PlanBody, response: { 201: PlanDetail } },
    },
    async (req, reply) => reply.status(201).send(await service.createPlan(ctxOf(req, deps), req.body)),
  );
  app.get(
    '/api/plans/options',
    {
      config: { action: 'plan.manage' },
      schema: { tags, summary: 'The editor’s choices: listed scope, declared sites and roster, papers, 评价规范', response: { 200: PlanOptions } },
    },
    async (req) => service.planOptions(ctxOf(req, deps)),
  );
  app.get(
    '/api/plans/:id',
    {
      config: { action: 'plan.read' },
      schema: { tags, summary: 'One plan with its parts, sittings, staff, timeline and change requests', params: IdParams, response: { 200: PlanDetail } },
    },
    async (req) => service.getPlan(ctxOf(req, deps), req.params.id),
  );
  app.put(
    '/api/plans/:id',
    {
      config: { action: 'plan.manage' },
      schema: {
        tags,
        summary: 'Edit a draft or returned plan (replaces parts, sittings and staff)',
        params: IdParams,
        body: PlanBody,
        response: { 200: PlanDetail },
      },
    },
    async (req) => service.updatePlan(ctxOf(req, deps), req.params.id, req.body),
  );
  app.get(
    '/api/plans/:id/checks',
    {
      config: { action: 'plan.read' },
      schema: { tags, summary: 'Scope, R2, R3, R5, R6, lead time, R9 and ratio checks as they stand', params: IdParams, response: { 200: PlanCheckReport } },
    },
    async (req) => service.planCheckReport(ctxOf(req, deps), req.params.id),
  );
  app.post(
    '/api/plans/:id/submit',
    {
      config: { action: 'plan.manage' },
      schema: { tags, summary: 'Submit to HR (考前计划备案); every check must pass', params: IdParams, body: PlanSubmitBody, response: { 200: PlanDetail } },
    },
    async (req) => service.transitionPlan(ctxOf(req, deps), req.params.id, { action: 'submit', ...req.body }),
  );
  app.post(
    '/api/plans/:id/acknowledge',
    {
      config: { action: 'plan.acknowledge' },
      schema: {
        tags,
        summary: 'HR acknowledges (备案) or returns a submitted plan',
        params: IdParams,
        body: PlanTransitionBody.pick({ reason: true, supervisorIds: true, expectedStatus: true }).extend({ action: z.enum(['acknowledge', 'return']) }),
        response: { 200: PlanDetail },
      },
    },
    async (req) => service.transitionPlan(ctxOf(req, deps), req.params.id, req.body),
  );
  app.post(
    '/api/plans/:id/transitions',
    {
      config: { action: 'plan.manage' },
      schema: {
        tags,
        summary: 'The school moves its plan: withdraw, start, start_marking, publish, close',
        params: IdParams,
        body: PlanTransitionBody.omit({ supervisorIds: true }).extend({ action: z.enum(['withdraw', 'start', 'start_marking', 'publish', 'close']) }),
        response: { 200: PlanDetail },
      },
    },
    async (req) => service.transitionPlan(ctxOf(req, deps), req.params.id, req.body),
  );
  app.get(
    '/api/plans/:id/supervisor-options',
    {
      config: { action: 'plan.acknowledge' },
      schema: { tags, summary: 'The bureau’s own supervisor accounts HR may assign', params: IdParams, response: { 200: SupervisorOptions } },
    },
    async (req) => service.supervisorOptions(ctxOf(req, deps), req.params.id),
  );
  app.post(
    '/api/plans/:id/supervisors',
    {
      config: { action: 'plan.acknowledge' },
      schema: {
        tags,
        summary: 'HR assigns external quality supervisors (外部质量督导员)',
        params: IdParams,
        body: AssignSupervisorsBody,
        response: { 200: PlanDetail },
      },
    },
    async (req) => service.assignSupervisors(ctxOf(req, deps), req.params.id, req.body.userIds),
  );
  app.post(
    '/api/plans/:id/changes',
    {
      config: { action: 'plan.manage' },
      schema: {
        tags,
        summary: 'Request a change (变更) of an acknowledged plan: dates, times, sites, rooms, papers',
        params: IdParams,
        body: ChangeRequestBody,
        response: { 200: PlanDetail },
      },
    },
    async (req) => service.requestChange(ctxOf(req, deps), req.params.id, req.body),
  );
  app.post(
    '/api/plans/:id/changes/:changeId/decision',
    {
      config: { action: 'plan.acknowledge' },
      schema: { tags, summary: 'HR acknowledges or returns a change request', params: ChangeParams, body: ChangeDecisionBody, response: { 200: PlanDetail } },
    },
    async (req) => service.decideChange(ctxOf(req, deps), req.params.id, req.params.changeId, req.body),
  );
  app.post(
    '/api/plans/:id/sittings/:sittingId/draw',
    {
      config: { action: 'plan.manage' },
      schema: {
        tags,
        summary: 'Draw the examiners of a sitting at random (seeded, logged)',
        params: SittingParams,
        body: DrawBody,
        response: { 200: DrawView },
      },
    },
    async (req) => draws.drawForSitting(ctxOf(req, deps), req.params.id, req.params.sittingId, req.body),
  );
  app.get(
    '/api/plans/:id/draws',
    {
      config: { action: 'plan.read' },
      schema: { tags, summary: 'The plan’s examiner draws with seed, pool and log', params: IdParams, response: { 200: z.array(DrawView) } },
    },
    async (req) => draws.listDraws(ctxOf(req, deps), req.params.id),
  );
  app.get(
    '/api/plans/:id/draws/:drawId/replay',
    {
      config: { action: 'plan.read' },
      schema: { tags, summary: 'Replay a draw from its seed and pool; matches = the same examiners', params: DrawParams, response: { 200: DrawReplay } },
    },
    async (req) => draws.replay(ctxOf(req, deps), req.params.id, req.params.drawId),
  );
}
