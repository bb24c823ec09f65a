import { IdParams, pageOf } from '@skillcert/shared/api/common';
import {
  AnswerImportReport,
  AnswerUploadBody,
  CorrectionBody,
  NationalExportQuery,
  ReportBatch,
  ReportBatchDetail,
  ReportBatchQuery,
  ReportLine,
  ReportLineQuery,
  ReportPlan,
  ReportTodo,
  ReviewBody,
  SubmitBatchBody,
} from '@skillcert/shared/api/reporting';
import { z } from 'zod';
import { attachment } from '../../http/content-disposition.ts';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './reporting.service.ts';

const tags = ['reporting'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UPLOAD_LIMIT = 30 * 1024 * 1024;

// 证书数据上报 (R10): the institution's reporting list and batches; the listing HR bureau's review, national upload
// file and answer import.
export function registerReportingRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/reporting/todo',
    {
      config: { action: 'report.read' },
      schema: { tags, summary: 'Reporting to-dos: due / overdue plans, returned certificates, batches to review', response: { 200: ReportTodo } },
    },
    async (req) => service.todo(ctxOf(req, deps)),
  );
  app.get(
    '/api/reporting/plans',
    {
      config: { action: 'report.read' },
      schema: {
        tags,
        summary: 'The school’s plans with certificates: counts per report status and the R10 deadline',
        response: { 200: z.object({ items: z.array(ReportPlan) }) },
      },
    },
    async (req) => service.listPlans(ctxOf(req, deps)),
  );
  app.get(
    '/api/reporting/certificates',
    {
      config: { action: 'report.read' },
      schema: {
        tags,
        summary: 'Report status of each certificate (school: its own; HR: those reported to it)',
        querystring: ReportLineQuery,
        response: { 200: pageOf(ReportLine) },
      },
    },
    async (req) => service.listLines(ctxOf(req, deps), req.query),
  );
  app.post(
    '/api/reporting/certificates/:id/correction',
    {
      config: { action: 'report.submit' },
      schema: {
        tags,
        summary: 'A returned certificate corrected: what was corrected, before it is sent again',
        params: IdParams,
        body: CorrectionBody,
        response: { 200: ReportLine },
      },
    },
    async (req) => service.correct(ctxOf(req, deps), req.params.id, req.body.note),
  );
  app.get(
    '/api/reporting/batches',
    {
      config: { action: 'report.read' },
      schema: { tags, summary: 'Report batches (school: sent; HR: received)', querystring: ReportBatchQuery, response: { 200: pageOf(ReportBatch) } },
    },
    async (req) => service.listBatches(ctxOf(req, deps), req.query),
  );
  app.post(
    '/api/reporting/batches',
    {
      config: { action: 'report.submit' },
      schema: {
        tags,
        summary: 'R10: send a plan’s pending (or corrected returned) certificates to the listing HR bureau; never twice',
        body: SubmitBatchBody,
        response: { 201: ReportBatchDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await service.submitBatch(ctxOf(req, deps), req.body)),
  );
  app.get(
    '/api/reporting/batches/:id',
    { config: { action: 'report.read' }, schema: { tags, summary: 'A batch and its certificates', params: IdParams, response: { 200: ReportBatchDetail } } },
    async (req) => service.batchDetail(ctxOf(req, deps), req.params.id),
  );
  app.get(
    '/api/reporting/batches/:id/summary.xlsx',
    { config: { action: 'report.read' }, schema: { tags, summary: '认定结果汇总表 of the batch (from the plan’s results)', params: IdParams } },
    async (req, reply) => {
      const { file, name } = await service.batchSummary(ctxOf(req, deps), deps.identity, req.params.id);
      return reply.header('content-disposition', attachment(name)).type(XLSX).send(file);
    },
  );
  app.post(
    '/api/reporting/batches/:id/review',
    {
      config: { action: 'report.review' },
      schema: {
        tags,
        summary: 'HR: accept the batch, returning the named certificates with reasons',
        params: IdParams,
        body: ReviewBody,
        response: { 200: ReportBatchDetail },
      },
    },
    async (req) => service.reviewBatch(ctxOf(req, deps), req.params.id, req.body),
  );
  app.post(
    '/api/reporting/national-upload',
    {
      config: { action: 'report.review' },
      schema: {
        tags,
        summary: 'HR: the national upload file of accepted certificates (Excel or JSON; whole ID numbers; audited)',
        querystring: NationalExportQuery,
      },
    },
    async (req, reply) => {
      const { file, name, type } = await service.nationalExport(ctxOf(req, deps), deps.identity, req.query.format);
      return reply.header('content-disposition', attachment(name)).header('cache-control', 'no-store').type(type).send(file);
    },
  );
  app.post(
    '/api/reporting/national-answer',
    {
      bodyLimit: UPLOAD_LIMIT,
      config: { action: 'report.review' },
      schema: {
        tags,
        summary: 'HR: import the national platform’s answer file (.xlsx or JSON); unknown numbers listed back, nothing changed for them',
        body: AnswerUploadBody,
        response: { 200: AnswerImportReport },
      },
    },
    async (req) => service.importAnswer(ctxOf(req, deps), req.body),
  );
}
