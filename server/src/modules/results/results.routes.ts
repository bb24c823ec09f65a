import { IdParams } from '@skillcert/shared/api/common';
import { EnrolmentParams, MarkRecord, PlanResults, ProcessScoreBody, ResultsQuery, ScoreImportReport, ScoreUploadBody } from '@skillcert/shared/api/results';
import { attachment } from '../../http/content-disposition.ts';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './results.service.ts';

const tags = ['results'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UPLOAD_LIMIT = 45 * 1024 * 1024;

export function registerResultRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/plans/:id/results',
    {
      config: { action: 'result.read' },
      schema: {
        tags,
        summary: 'Each candidate’s parts against their pass marks, the outcome and its reason (filters: outcome, q)',
        params: IdParams,
        querystring: ResultsQuery,
        response: { 200: PlanResults },
      },
    },
    async (req) => service.planResults(ctxOf(req, deps), deps.identity, req.params.id, req.query),
  );
  app.get(
    '/api/plans/:id/results.xlsx',
    {
      config: { action: 'result.read' },
      schema: { tags, summary: 'The results (same filters) as an Excel workbook', params: IdParams, querystring: ResultsQuery },
    },
    async (req, reply) =>
      reply
        .header('content-disposition', attachment('认定结果.xlsx'))
        .type(XLSX)
        .send(await service.resultsExport(ctxOf(req, deps), deps.identity, req.params.id, req.query)),
  );
  app.get(
    '/api/plans/:id/results/:enrolmentId',
    {
      config: { action: 'result.read' },
      schema: {
        tags,
        summary: 'The whole mark record of one candidate: part results, marks, decisions, the exam events',
        params: EnrolmentParams,
        response: { 200: MarkRecord },
      },
    },
    async (req) => service.markRecord(ctxOf(req, deps), deps.identity, req.params.id, req.params.enrolmentId),
  );
  app.post(
    '/api/plans/:id/process-scores',
    {
      config: { action: 'result.manage' },
      schema: { tags, summary: '过程考核: record one component score of one candidate with its evidence', params: IdParams, body: ProcessScoreBody },
    },
    async (req, reply) => {
      await service.recordProcessScore(ctxOf(req, deps), req.params.id, req.body);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/plans/:id/process-scores/template.xlsx',
    { config: { action: 'result.manage' }, schema: { tags, summary: 'The 过程考核 template: one column per component', params: IdParams } },
    async (req, reply) =>
      reply
        .header('content-disposition', attachment('过程考核成绩模板.xlsx'))
        .type(XLSX)
        .send(await service.processScoresTemplate(ctxOf(req, deps), req.params.id)),
  );
  app.post(
    '/api/plans/:id/process-scores/import',
    {
      bodyLimit: UPLOAD_LIMIT,
      config: { action: 'result.manage' },
      schema: {
        tags,
        summary: '过程考核 scores from a workbook, all rows or none (refusals come back annotated)',
        params: IdParams,
        body: ScoreUploadBody,
        response: { 200: ScoreImportReport },
      },
    },
    async (req) => service.importProcessScores(ctxOf(req, deps), deps.identity, req.params.id, req.body),
  );
  app.get(
    '/api/plans/:id/course-scores/template.xlsx',
    { config: { action: 'result.manage' }, schema: { tags, summary: 'R6: the 结课综合考试成绩 template', params: IdParams } },
    async (req, reply) =>
      reply
        .header('content-disposition', attachment('结课综合考试成绩模板.xlsx'))
        .type(XLSX)
        .send(await service.courseScoresTemplate(ctxOf(req, deps), req.params.id)),
  );
  app.post(
    '/api/plans/:id/course-scores/import',
    {
      bodyLimit: UPLOAD_LIMIT,
      config: { action: 'result.manage' },
      schema: {
        tags,
        summary: 'R6 课证融通: course exam scores in place of the theory exam (only where the plan declared it), all rows or none',
        params: IdParams,
        body: ScoreUploadBody,
        response: { 200: ScoreImportReport },
      },
    },
    async (req) => service.importCourseScores(ctxOf(req, deps), deps.identity, req.params.id, req.body),
  );
}
