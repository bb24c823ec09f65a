import {
  ActivationSlips,
  EnrolmentBody,
  EnrolmentImportReport,
  EnrolmentPage,
  EnrolmentParams,
  EnrolmentQuery,
  EnrolOneResult,
  FileUploadBody,
  PhotoUploadBody,
  PhotoZipReport,
  PlanEnrolmentParams,
  ReissueBody,
  RevealedId,
} from '@skillcert/shared/api/enrolment';
import { z } from 'zod';
import { attachment } from '../../http/content-disposition.ts';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as photos from './enrolments.photos.ts';
import * as service from './enrolments.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['enrolment'];

export function registerEnrolmentRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/plans/:id/enrolments',
    { config: { action: 'enrolment.read' }, schema: { tags, summary: 'Candidates of a plan (ID numbers masked)', params: PlanEnrolmentParams, querystring: EnrolmentQuery, response: { 200: EnrolmentPage } } },
    async (req) => service.listEnrolments(ctxOf(req, deps), deps.identity, req.params.id, req.query),
  );
  app.post(
    '/api/plans/:id/enrolments',
    { config: { action: 'enrolment.manage' }, schema: { tags, summary: 'Enrol one candidate (every rule checked; refused with all reasons)', params: PlanEnrolmentParams, body: EnrolmentBody, response: { 201: EnrolOneResult } } },
    async (req, reply) => reply.status(201).send(await service.enrolOne(ctxOf(req, deps), deps.identity, req.params.id, req.body)),
  );
  app.get(
    '/api/plans/:id/enrolments/template.xlsx',
    { config: { action: 'enrolment.manage' }, schema: { tags, summary: 'The enrolment template with dropdowns (ID type, category, major, class, attempts)', params: PlanEnrolmentParams } },
    async (req, reply) => reply.header('content-disposition', attachment('报名导入模板.xlsx')).type(XLSX).send(await service.enrolmentTemplate(ctxOf(req, deps), req.params.id)),
  );
  app.post(
    '/api/plans/:id/enrolments/import/preview',
    {
      bodyLimit: 45 * 1024 * 1024,
      config: { action: 'enrolment.manage' },
      schema: { tags, summary: 'Every row’s verdict; nothing is written', params: PlanEnrolmentParams, body: FileUploadBody, response: { 200: EnrolmentImportReport } },
    },
    async (req) => service.previewImport(ctxOf(req, deps), deps.identity, req.params.id, Buffer.from(req.body.contentBase64, 'base64')),
  );
  app.post(
    '/api/plans/:id/enrolments/import',
    {
      bodyLimit: 45 * 1024 * 1024,
      config: { action: 'enrolment.manage' },
      schema: { tags, summary: 'Store all accepted rows in one transaction; the refused ones come back with reasons and as the annotated workbook', params: PlanEnrolmentParams, body: FileUploadBody, response: { 200: EnrolmentImportReport } },
    },
    async (req) => service.commitImport(ctxOf(req, deps), deps.identity, req.params.id, Buffer.from(req.body.contentBase64, 'base64')),
  );
  app.post(
    '/api/plans/:id/enrolments/activation-codes',
    { config: { action: 'enrolment.manage' }, schema: { tags, summary: 'New one-time activation codes for accounts not yet activated', params: PlanEnrolmentParams, body: ReissueBody, response: { 200: ActivationSlips } } },
    async (req) => service.reissueActivationCodes(ctxOf(req, deps), deps.identity, req.params.id, req.body.enrolmentIds),
  );
  app.post(
    '/api/plans/:id/enrolments/:enrolmentId/reveal-id',
    { config: { action: 'identity.reveal' }, schema: { tags, summary: 'One candidate’s whole ID number (school staff; audited)', params: EnrolmentParams, response: { 200: RevealedId } } },
    async (req) => service.revealIdNumber(ctxOf(req, deps), deps.identity, req.params.id, req.params.enrolmentId),
  );
  app.put(
    '/api/plans/:id/enrolments/:enrolmentId/photo',
    {
      bodyLimit: 30 * 1024 * 1024,
      config: { action: 'enrolment.manage' },
      schema: { tags, summary: 'One candidate’s photo (JPEG/PNG, one-inch; re-encoded by the server)', params: EnrolmentParams, body: PhotoUploadBody, response: { 200: z.object({ width: z.number(), height: z.number(), bytes: z.number() }) } },
    },
    async (req) => photos.uploadPhoto(ctxOf(req, deps), req.params.id, req.params.enrolmentId, Buffer.from(req.body.contentBase64, 'base64')),
  );
  app.get(
    '/api/plans/:id/enrolments/:enrolmentId/photo',
    { config: { action: 'enrolment.read' }, schema: { tags, summary: 'One candidate’s stored photo (JPEG)', params: EnrolmentParams } },
    async (req, reply) => reply.type('image/jpeg').header('cache-control', 'private, no-store').send(await photos.enrolmentPhoto(ctxOf(req, deps), req.params.id, req.params.enrolmentId)),
  );
  app.post(
    '/api/plans/:id/photos/zip',
    {
      bodyLimit: 60 * 1024 * 1024,
      config: { action: 'enrolment.manage' },
      schema: { tags, summary: 'Photos in bulk: a ZIP of files named by ID number, with a per-file report and who is still without one', params: PlanEnrolmentParams, body: PhotoUploadBody.extend({ contentBase64: z.string().min(1).max(60_000_000) }), response: { 200: PhotoZipReport } },
    },
    async (req) => photos.uploadPhotoZip(ctxOf(req, deps), deps.identity, req.params.id, Buffer.from(req.body.contentBase64, 'base64')),
  );
}
