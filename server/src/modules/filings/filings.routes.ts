import { IdParams } from '@skillcert/shared/api/common';
import {
  CreateFilingBody,
  EligibilityReport,
  FilingBody,
  FilingDetail,
  FilingPage,
  FilingQuery,
  SubmitBody,
  TransitionBody,
} from '@skillcert/shared/api/filings';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './filings.service.ts';

const tags = ['filings'];

export function registerFilingRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/filings',
    {
      config: { action: 'filing.read' },
      schema: { tags, summary: '备案 applications in my scope; todo=true: waiting for me', querystring: FilingQuery, response: { 200: FilingPage } },
    },
    async (req) => service.listFilings(ctxOf(req, deps), req.query),
  );
  app.post(
    '/api/filings',
    {
      config: { action: 'filing.apply' },
      schema: { tags, summary: 'Draft a filing (or, with institutionId, a 增设 expansion)', body: CreateFilingBody, response: { 201: FilingDetail } },
    },
    async (req, reply) => reply.status(201).send(await service.createFiling(ctxOf(req, deps), req.body)),
  );
  app.get(
    '/api/filings/:id',
    { config: { action: 'filing.read' }, schema: { tags, summary: 'One filing with its timeline', params: IdParams, response: { 200: FilingDetail } } },
    async (req) => service.getFiling(ctxOf(req, deps), req.params.id),
  );
  app.put(
    '/api/filings/:id',
    {
      config: { action: 'filing.apply' },
      schema: { tags, summary: 'Edit a draft or returned filing', params: IdParams, body: FilingBody, response: { 200: FilingDetail } },
    },
    async (req) => service.updateFiling(ctxOf(req, deps), req.params.id, req.body),
  );
  app.get(
    '/api/filings/:id/eligibility',
    {
      config: { action: 'filing.read' },
      schema: { tags, summary: 'R1, R3 (and R4 for 增设) checks: each condition, value, pass/fail', params: IdParams, response: { 200: EligibilityReport } },
    },
    async (req) => service.filingEligibility(ctxOf(req, deps), req.params.id),
  );
  app.post(
    '/api/filings/:id/submit',
    {
      config: { action: 'filing.apply' },
      schema: {
        tags,
        summary: 'The school submits its application (R1/R3, and R4 for 增设, are checked)',
        params: IdParams,
        body: SubmitBody,
        response: { 200: FilingDetail },
      },
    },
    async (req) => service.transitionFiling(ctxOf(req, deps), req.params.id, { action: 'submit', ...req.body }),
  );
  app.post(
    '/api/filings/:id/transitions',
    {
      config: { action: 'filing.review' },
      schema: {
        tags,
        summary: 'A bureau moves the filing: approve, start_assessment, assess, report, list, return, reject, suspend, reinstate, revoke, expire',
        params: IdParams,
        body: TransitionBody,
        response: { 200: FilingDetail },
      },
    },
    async (req) => service.transitionFiling(ctxOf(req, deps), req.params.id, req.body),
  );
}
