import {
  CertificateStats,
  CoverageStats,
  ExportParams,
  FilingCoverageStats,
  OnePlusXStats,
  PassRateStats,
  StatFilter,
  SubsidyStats,
  TalentStats,
} from '@skillcert/shared/api/statistics';
import { attachment } from '../../http/content-disposition.ts';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './statistics.service.ts';

const tags = ['statistics'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const config = { action: 'statistics.read' as const };

export function registerStatisticsRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/statistics/certificates',
    {
      config,
      schema: {
        tags,
        summary: 'Certificates by occupation, level, institution, month and kind (valid only; revoked counted apart)',
        querystring: StatFilter,
        response: { 200: CertificateStats },
      },
    },
    async (req) => service.certificateStats(ctxOf(req, deps), req.query),
  );
  app.get(
    '/api/statistics/pass-rates',
    {
      config,
      schema: { tags, summary: 'Pass rates of part results by part, occupation and level', querystring: StatFilter, response: { 200: PassRateStats } },
    },
    async (req) => service.passRateStats(ctxOf(req, deps), req.query),
  );
  app.get(
    '/api/statistics/subsidies',
    { config, schema: { tags, summary: 'R11: subsidies paid by region, month and level', querystring: StatFilter, response: { 200: SubsidyStats } } },
    async (req) => service.subsidyStats(ctxOf(req, deps), req.query),
  );
  app.get(
    '/api/statistics/coverage',
    {
      config,
      schema: { tags, summary: 'R13: coverage of majors per school against the profile’s target', querystring: StatFilter, response: { 200: CoverageStats } },
    },
    async (req) => service.coverageStats(ctxOf(req, deps), req.query),
  );
  app.get(
    '/api/statistics/filing-coverage',
    {
      config,
      schema: {
        tags,
        summary: 'R13: filed institutions against all vocational schools of the region',
        querystring: StatFilter,
        response: { 200: FilingCoverageStats },
      },
    },
    async (req) => service.filingCoverageStats(ctxOf(req, deps), req.query),
  );
  app.get(
    '/api/statistics/one-plus-x',
    {
      config,
      schema: {
        tags,
        summary: 'R12: 1+X counts over 职业资格, 职业技能等级 and 专项职业能力 certificates',
        querystring: StatFilter,
        response: { 200: OnePlusXStats },
      },
    },
    async (req) => service.onePlusXStats(ctxOf(req, deps), req.query),
  );
  app.get(
    '/api/statistics/talent',
    {
      config,
      schema: { tags, summary: 'R11: skill-talent statistics — holders by level per region', querystring: StatFilter, response: { 200: TalentStats } },
    },
    async (req) => service.talentStats(ctxOf(req, deps), req.query),
  );
  app.get(
    '/api/statistics/:dashboard/export.xlsx',
    { config, schema: { tags, summary: 'A dashboard’s figures as Excel, one sheet per chart', params: ExportParams, querystring: StatFilter } },
    async (req, reply) => {
      const { file, name } = await service.exportDashboard(ctxOf(req, deps), req.params.dashboard, req.query);
      return reply.header('content-disposition', attachment(name)).type(XLSX).send(file);
    },
  );
}
