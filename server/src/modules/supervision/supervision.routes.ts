import {
  FlagBody,
  FlagList,
  FlagParams,
  InspectionReport,
  InspectionReportList,
  LiveQuery,
  LiveView,
  PlanSupervisionParams,
  ReportBody,
  ReportPhotoParams,
  ResolveBody,
  SupervisionFlag,
  WorkloadQuery,
  WorkloadReport,
} from '@skillcert/shared/api/supervision';
import { attachment } from '../../http/content-disposition.ts';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './supervision.service.ts';

const tags = ['supervision'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerSupervisionRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/plans/:id/supervision/live',
    {
      config: { action: 'supervision.watch' },
      schema: {
        tags,
        summary: '逢考必督: rooms and who is in, integrity events after `after`, marking progress (assigned supervisors, HR)',
        params: PlanSupervisionParams,
        querystring: LiveQuery,
        response: { 200: LiveView },
      },
    },
    async (req) => service.liveView(ctxOf(req, deps), req.params.id, req.query.after),
  );

  // --- 督导报告 ---
  app.get(
    '/api/plans/:id/inspection-reports',
    {
      config: { action: 'supervision.read' },
      schema: {
        tags,
        summary: 'Inspection reports (督导报告) of the plan, newest first',
        params: PlanSupervisionParams,
        response: { 200: InspectionReportList },
      },
    },
    async (req) => service.listReports(ctxOf(req, deps), req.params.id),
  );
  app.post(
    '/api/plans/:id/inspection-reports',
    {
      config: { action: 'supervision.inspect' },
      schema: {
        tags,
        summary: 'File an inspection report (immutable; a correction is a new report naming the earlier one)',
        params: PlanSupervisionParams,
        body: ReportBody,
        response: { 201: InspectionReport },
      },
    },
    async (req, reply) => reply.status(201).send(await service.fileReport(ctxOf(req, deps), req.params.id, req.body)),
  );
  app.get(
    '/api/plans/:id/inspection-reports/:reportId/photos/:photoId',
    {
      config: { action: 'supervision.read' },
      schema: { tags, summary: 'A photo of an inspection report (JPEG or PNG)', params: ReportPhotoParams, produces: ['image/jpeg', 'image/png'] },
    },
    async (req, reply) => {
      const photo = await service.reportPhoto(ctxOf(req, deps), req.params.id, req.params.reportId, req.params.photoId);
      reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(photo.filename)}`);
      reply.header('x-content-type-options', 'nosniff');
      return reply.type(photo.mimeType).send(photo.content);
    },
  );

  // --- flags ---
  app.get(
    '/api/plans/:id/supervision/flags',
    {
      config: { action: 'supervision.read' },
      schema: { tags, summary: 'Flags on candidates and rooms, open and resolved', params: PlanSupervisionParams, response: { 200: FlagList } },
    },
    async (req) => service.listFlags(ctxOf(req, deps), req.params.id),
  );
  app.post(
    '/api/plans/:id/supervision/flags',
    {
      config: { action: 'supervision.inspect' },
      schema: {
        tags,
        summary: 'Flag a candidate or a room (holds clearance until resolved)',
        params: PlanSupervisionParams,
        body: FlagBody,
        response: { 201: SupervisionFlag },
      },
    },
    async (req, reply) => reply.status(201).send(await service.raiseFlag(ctxOf(req, deps), req.params.id, req.body)),
  );
  app.post(
    '/api/plans/:id/supervision/flags/:flagId/resolve',
    {
      config: { action: 'supervision.resolve' },
      schema: { tags, summary: 'The institution resolves a flag', params: FlagParams, body: ResolveBody, response: { 200: SupervisionFlag } },
    },
    async (req) => service.resolveFlag(ctxOf(req, deps), req.params.id, req.params.flagId, req.body.resolution),
  );

  // --- R15 workload ---
  app.get(
    '/api/workload',
    {
      config: { action: 'workload.read' },
      schema: { tags, summary: 'R15: assessors’ workload per term (学期)', querystring: WorkloadQuery, response: { 200: WorkloadReport } },
    },
    async (req) => service.workload(ctxOf(req, deps), req.query),
  );
  app.get(
    '/api/workload/export.xlsx',
    { config: { action: 'workload.read' }, schema: { tags, summary: 'R15: the same figures as Excel for 绩效', querystring: WorkloadQuery } },
    async (req, reply) => {
      const { file, name } = await service.workloadExport(ctxOf(req, deps), req.query);
      return reply.header('content-disposition', attachment(name)).type(XLSX).send(file);
    },
  );
}
