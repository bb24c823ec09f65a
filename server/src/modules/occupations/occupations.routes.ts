import {
  ImportReport,
  MajorMapping,
  MajorMappingBody,
  Occupation,
  OccupationBody,
  OccupationCode,
  OccupationPage,
  OccupationQuery,
  OccupationTree,
  SpecialItem,
} from '@skillcert/shared/api/occupations';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import { requireAction } from '../access/policy.ts';
import { templateWorkbook } from './occupations.excel.ts';
import * as service from './occupations.service.ts';

const tags = ['occupations'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ExcelUpload = z.strictObject({ contentBase64: z.string().min(1).max(14_000_000) });

export function registerOccupationRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/occupations',
    {
      config: { action: 'occupation.read' },
      schema: { tags, summary: '职业分类大典 (2022) occupations', querystring: OccupationQuery, response: { 200: OccupationPage } },
    },
    async (req) => service.listOccupations(ctxOf(req, deps), req.query),
  );
  app.get(
    '/api/occupations/tree',
    {
      config: { action: 'occupation.read' },
      schema: { tags, summary: '大类 → 中类 → 小类 of the 2022 edition, with occupation counts', response: { 200: OccupationTree } },
    },
    async (req) => service.occupationTree(ctxOf(req, deps)),
  );
  app.get(
    '/api/occupations/template.xlsx',
    { config: { action: 'occupation.manage' }, schema: { tags, summary: 'Excel template for importing occupations' } },
    async (req, reply) => {
      requireAction(ctxOf(req, deps).actor, 'occupation.manage');
      reply.header('content-disposition', 'attachment; filename="occupations-template.xlsx"').type(XLSX);
      return reply.send(await templateWorkbook());
    },
  );
  app.get(
    '/api/occupations/:code',
    {
      config: { action: 'occupation.read' },
      schema: { tags, summary: 'One occupation', params: z.strictObject({ code: OccupationCode }), response: { 200: Occupation } },
    },
    async (req) => service.getOccupation(ctxOf(req, deps), req.params.code),
  );
  app.post(
    '/api/occupations',
    { config: { action: 'occupation.manage' }, schema: { tags, summary: 'Add an occupation', body: OccupationBody, response: { 201: Occupation } } },
    async (req, reply) => reply.status(201).send(await service.createOccupation(ctxOf(req, deps), req.body)),
  );
  app.put(
    '/api/occupations/:code',
    {
      config: { action: 'occupation.manage' },
      schema: { tags, summary: 'Edit an occupation', params: z.strictObject({ code: OccupationCode }), body: OccupationBody, response: { 200: Occupation } },
    },
    async (req) => service.updateOccupation(ctxOf(req, deps), req.params.code, req.body),
  );
  app.post(
    '/api/occupations/import',
    {
      config: { action: 'occupation.manage' },
      bodyLimit: 15 * 1024 * 1024,
      schema: { tags, summary: 'Import occupations from the Excel template: all rows or none', body: ExcelUpload, response: { 200: ImportReport } },
    },
    async (req) => service.importOccupations(ctxOf(req, deps), Buffer.from(req.body.contentBase64, 'base64')),
  );
  app.get(
    '/api/special-items',
    {
      config: { action: 'occupation.read' },
      schema: {
        tags,
        summary: '专项职业能力 items by province',
        querystring: z.strictObject({
          province: z
            .string()
            .regex(/^\d{2}$/)
            .optional(),
        }),
        response: { 200: z.array(SpecialItem) },
      },
    },
    async (req) => service.listSpecialItems(ctxOf(req, deps), req.query.province),
  );
  app.get(
    '/api/major-mappings',
    {
      config: { action: 'occupation.read' },
      schema: {
        tags,
        summary: 'Majors → occupations',
        querystring: z.strictObject({
          majorCode: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
        }),
        response: { 200: z.array(MajorMapping) },
      },
    },
    async (req) => service.listMajorMappings(ctxOf(req, deps), req.query.majorCode),
  );
  app.post(
    '/api/major-mappings',
    {
      config: { action: 'occupation.manage' },
      schema: { tags, summary: 'Map a major to an occupation', body: MajorMappingBody, response: { 201: MajorMapping } },
    },
    async (req, reply) => reply.status(201).send(await service.addMajorMapping(ctxOf(req, deps), req.body)),
  );
}
