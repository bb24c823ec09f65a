import { IdParams } from '@skillcert/shared/api/common';
import {
  AppealBody,
  AppealDecisionBody,
  AppealParams,
  ReasonBody,
  SanctionInput,
  ViolationCreate,
  ViolationDetail,
  ViolationPage,
  ViolationQuery,
} from '@skillcert/shared/api/sanctions';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import type { CertificateSigner } from '../certificates/certificates.service.ts';
import * as service from './sanctions.service.ts';

const tags = ['sanctions'];

export function registerSanctionRoutes(app: App, deps: AppDeps, signer: CertificateSigner): void {
  const sdeps = { signer };
  app.get(
    '/api/violations',
    {
      config: { action: 'institution.read' },
      schema: { tags, summary: 'Violation records in my scope (HR: region; school: its own)', querystring: ViolationQuery, response: { 200: ViolationPage } },
    },
    async (req) => service.listViolations(ctxOf(req, deps), req.query),
  );
  app.post(
    '/api/violations',
    {
      config: { action: 'institution.sanction' },
      schema: {
        tags,
        summary: 'R14: record a violation, optionally with a sanction that acts at once',
        body: ViolationCreate,
        response: { 201: ViolationDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await service.recordViolation(sdeps, ctxOf(req, deps), req.body)),
  );
  app.get(
    '/api/violations/:id',
    {
      config: { action: 'institution.read' },
      schema: { tags, summary: 'One violation record with sanctions, appeals and history', params: IdParams, response: { 200: ViolationDetail } },
    },
    async (req) => service.getViolation(ctxOf(req, deps), req.params.id),
  );
  app.post(
    '/api/violations/:id/sanctions',
    {
      config: { action: 'institution.sanction' },
      schema: { tags, summary: 'Impose a further sanction on an open record', params: IdParams, body: SanctionInput, response: { 200: ViolationDetail } },
    },
    async (req) => service.imposeSanction(sdeps, ctxOf(req, deps), req.params.id, req.body),
  );
  app.post(
    '/api/violations/:id/close',
    {
      config: { action: 'institution.sanction' },
      schema: { tags, summary: 'Close the record', params: IdParams, body: ReasonBody, response: { 200: ViolationDetail } },
    },
    async (req) => service.closeViolation(ctxOf(req, deps), req.params.id, req.body.reason),
  );
  app.post(
    '/api/violations/:id/appeals',
    {
      config: { action: 'sanction.appeal' },
      schema: { tags, summary: 'The institution appeals (申诉)', params: IdParams, body: AppealBody, response: { 200: ViolationDetail } },
    },
    async (req) => service.fileAppeal(ctxOf(req, deps), req.params.id, req.body),
  );
  app.post(
    '/api/violations/:id/appeals/:appealId/decision',
    {
      config: { action: 'institution.sanction' },
      schema: { tags, summary: 'HR upholds or grants an appeal', params: AppealParams, body: AppealDecisionBody, response: { 200: ViolationDetail } },
    },
    async (req) => service.decideAppeal(ctxOf(req, deps), req.params.id, req.params.appealId, req.body),
  );
  app.post(
    '/api/sanctions/:id/lift',
    {
      config: { action: 'institution.sanction' },
      schema: { tags, summary: 'Lift a suspension (解除)', params: IdParams, body: ReasonBody, response: { 200: ViolationDetail } },
    },
    async (req) => service.liftSanction(ctxOf(req, deps), req.params.id, req.body.reason),
  );
}
