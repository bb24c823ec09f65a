import { IdParams, pageOf } from '@skillcert/shared/api/common';
import { FileUploadBody } from '@skillcert/shared/api/enrolment';
import {
  BulkClaimBody,
  BulkClaimResult,
  ClaimBody,
  ClaimQuery,
  MyClaims,
  PaymentBody,
  ReviewBody,
  SubsidyClaim,
  Totals,
  TotalsQuery,
} from '@skillcert/shared/api/subsidies';
import { attachment } from '../../http/content-disposition.ts';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './subsidies.service.ts';

const tags = ['subsidies'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// 职业技能提升补贴 (R11): the holder's claims, the school's bulk application, HR's review, payment and totals.
export function registerSubsidyRoutes(app: App, deps: AppDeps): void {
  const sdeps = { identity: deps.identity };

  // --- The holder ---
  app.get(
    '/api/me/subsidy-claims',
    { config: { action: 'candidate.self' }, schema: { tags: ['candidate'], summary: 'My subsidy claims with their checks', response: { 200: MyClaims } } },
    async (req) => service.myClaims(ctxOf(req, deps)),
  );
  app.post(
    '/api/me/subsidy-claims',
    {
      config: { action: 'candidate.self' },
      schema: {
        tags: ['candidate'],
        summary: 'R11: claim the subsidy for one of my certificates (refused with the rule and the failing check; nothing written)',
        body: ClaimBody,
        response: { 201: SubsidyClaim },
      },
    },
    async (req, reply) => reply.status(201).send(await service.claimAsHolder(sdeps, ctxOf(req, deps), req.body)),
  );

  // --- The school ---
  app.post(
    '/api/subsidy-claims/bulk',
    {
      config: { action: 'subsidy.apply' },
      schema: {
        tags,
        summary: 'R11: the school applies for its students (certificate number + bank account per row; per-row result; idempotent)',
        body: BulkClaimBody,
        response: { 200: BulkClaimResult },
      },
    },
    async (req) => service.claimInBulk(sdeps, ctxOf(req, deps), req.body.rows),
  );
  app.post(
    '/api/subsidy-claims/bulk/xlsx',
    {
      bodyLimit: 45 * 1024 * 1024,
      config: { action: 'subsidy.apply' },
      schema: { tags, summary: 'R11: the bulk application from Excel (证书编号, 银行账号)', body: FileUploadBody, response: { 200: BulkClaimResult } },
    },
    async (req) => service.claimFromWorkbook(sdeps, ctxOf(req, deps), Buffer.from(req.body.contentBase64, 'base64')),
  );
  app.get(
    '/api/subsidy-claims/template.xlsx',
    { config: { action: 'subsidy.apply' }, schema: { tags, summary: 'The bulk application template' } },
    async (_req, reply) =>
      reply
        .header('content-disposition', attachment('补贴申请模板.xlsx'))
        .type(XLSX)
        .send(await service.bulkTemplate()),
  );

  // --- Reading (school: its students; HR: claims reviewed in its region) ---
  app.get(
    '/api/subsidy-claims',
    {
      config: { action: 'subsidy.read' },
      schema: {
        tags,
        summary: 'Claims in scope: filters, paging; todo=true: waiting for my bureau',
        querystring: ClaimQuery,
        response: { 200: pageOf(SubsidyClaim) },
      },
    },
    async (req) => service.listClaims(ctxOf(req, deps), req.query),
  );
  app.get(
    '/api/subsidy-claims/totals',
    {
      config: { action: 'subsidy.read' },
      schema: { tags, summary: 'R11: totals per region, period and level', querystring: TotalsQuery, response: { 200: Totals } },
    },
    async (req) => service.claimTotals(ctxOf(req, deps), req.query),
  );
  app.get(
    '/api/subsidy-claims/totals.xlsx',
    { config: { action: 'subsidy.read' }, schema: { tags, summary: 'The totals as Excel', querystring: TotalsQuery } },
    async (req, reply) =>
      reply
        .header('content-disposition', attachment('补贴汇总.xlsx'))
        .type(XLSX)
        .send(await service.totalsWorkbook(ctxOf(req, deps), req.query)),
  );
  app.get(
    '/api/subsidy-claims/:id',
    { config: { action: 'subsidy.read' }, schema: { tags, summary: 'One claim with its checks', params: IdParams, response: { 200: SubsidyClaim } } },
    async (req) => service.getClaim(ctxOf(req, deps), req.params.id),
  );

  // --- HR of the holder's place ---
  app.post(
    '/api/subsidy-claims/:id/review',
    {
      config: { action: 'subsidy.review' },
      schema: {
        tags,
        summary: 'R11: approve, or refuse with a reason (the bureau of the claim’s region only)',
        params: IdParams,
        body: ReviewBody,
        response: { 200: SubsidyClaim },
      },
    },
    async (req) => service.reviewClaim(ctxOf(req, deps), req.params.id, req.body),
  );
  app.post(
    '/api/subsidy-claims/:id/payment',
    {
      config: { action: 'subsidy.review' },
      schema: {
        tags,
        summary: 'R11: record the payment once (date, amount ≤ approved, bank reference)',
        params: IdParams,
        body: PaymentBody,
        response: { 200: SubsidyClaim },
      },
    },
    async (req) => service.recordPayment(ctxOf(req, deps), req.params.id, req.body),
  );
}
