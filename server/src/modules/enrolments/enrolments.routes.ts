import {
  ActivationSlips,
  EnrolmentBody,
  EnrolmentImportReport,
  EnrolmentPage,
  EnrolmentParams,
  EnrolmentQuery,
  EnrolOneResult,
  FileUploadBody,
  ArrangeBody,
  JobView,
  MoveSeatBody,
  MyCandidatePage,
  PhotoUploadBody,
  SeatPlan,
  PhotoZipReport,
  PlanEnrolmentParams,
  ReissueBody,
  RevealedId,
} from '@skillcert/shared/api/enrolment';
import { z } from 'zod';
import { attachment } from '../../http/content-disposition.ts';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import { drainJobs, getJobFor, idleJobs, jobResultFor } from '../jobs/jobs.service.ts';
import * as photos from './enrolments.photos.ts';
import * as seating from './enrolments.seating.ts';
import * as tickets from './enrolments.tickets.ts';
import * as service from './enrolments.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['enrolment'];

const PDF = 'application/pdf';
const SittingDocParams = z.strictObject({ id: z.uuid(), sittingId: z.uuid(), doc: z.enum(['seat-plan.pdf', 'seat-plan.xlsx', 'sign-in.pdf', 'sign-in.xlsx']) });
const TicketParams = z.strictObject({ id: z.uuid(), enrolmentId: z.uuid() });
const JobParams = z.strictObject({ id: z.uuid() });

export function registerEnrolmentRoutes(app: App, deps: AppDeps): void {
  // Background jobs of this module (the tickets ZIP); jobs left from before a restart are taken up again.
  tickets.registerTicketJobs(deps.db, deps.identity);
  app.addHook('onReady', async () => {
    setImmediate(() => void drainJobs(deps.db).catch((e: unknown) => app.log.error(e)));
  });
  app.addHook('onClose', async () => idleJobs(deps.db));

  app.get(
    '/api/plans/:id/enrolments',
    {
      config: { action: 'enrolment.read' },
      schema: {
        tags,
        summary: 'Candidates of a plan (ID numbers masked)',
        params: PlanEnrolmentParams,
        querystring: EnrolmentQuery,
        response: { 200: EnrolmentPage },
      },
    },
    async (req) => service.listEnrolments(ctxOf(req, deps), deps.identity, req.params.id, req.query),
  );
  app.post(
    '/api/plans/:id/enrolments',
    {
      config: { action: 'enrolment.manage' },
      schema: {
        tags,
        summary: 'Enrol one candidate (every rule checked; refused with all reasons)',
        params: PlanEnrolmentParams,
        body: EnrolmentBody,
        response: { 201: EnrolOneResult },
      },
    },
    async (req, reply) => reply.status(201).send(await service.enrolOne(ctxOf(req, deps), deps.identity, req.params.id, req.body)),
  );
  app.get(
    '/api/plans/:id/enrolments/template.xlsx',
    {
      config: { action: 'enrolment.manage' },
      schema: { tags, summary: 'The enrolment template with dropdowns (ID type, category, major, class, attempts)', params: PlanEnrolmentParams },
    },
    async (req, reply) =>
      reply
        .header('content-disposition', attachment('报名导入模板.xlsx'))
        .type(XLSX)
        .send(await service.enrolmentTemplate(ctxOf(req, deps), req.params.id)),
  );
  app.post(
    '/api/plans/:id/enrolments/import/preview',
    {
      bodyLimit: 45 * 1024 * 1024,
      config: { action: 'enrolment.manage' },
      schema: {
        tags,
        summary: 'Every row’s verdict; nothing is written',
        params: PlanEnrolmentParams,
        body: FileUploadBody,
        response: { 200: EnrolmentImportReport },
      },
    },
    async (req) => service.previewImport(ctxOf(req, deps), deps.identity, req.params.id, Buffer.from(req.body.contentBase64, 'base64')),
  );
  app.post(
    '/api/plans/:id/enrolments/import',
    {
      bodyLimit: 45 * 1024 * 1024,
      config: { action: 'enrolment.manage' },
      schema: {
        tags,
        summary: 'Store all accepted rows in one transaction; the refused ones come back with reasons and as the annotated workbook',
        params: PlanEnrolmentParams,
        body: FileUploadBody,
        response: { 200: EnrolmentImportReport },
      },
    },
    async (req) => service.commitImport(ctxOf(req, deps), deps.identity, req.params.id, Buffer.from(req.body.contentBase64, 'base64')),
  );
  app.post(
    '/api/plans/:id/enrolments/activation-codes',
    {
      config: { action: 'enrolment.manage' },
      schema: {
        tags,
        summary: 'New one-time activation codes for accounts not yet activated',
        params: PlanEnrolmentParams,
        body: ReissueBody,
        response: { 200: ActivationSlips },
      },
    },
    async (req) => service.reissueActivationCodes(ctxOf(req, deps), deps.identity, req.params.id, req.body.enrolmentIds),
  );
  app.post(
    '/api/plans/:id/enrolments/:enrolmentId/reveal-id',
    {
      config: { action: 'identity.reveal' },
      schema: { tags, summary: 'One candidate’s whole ID number (school staff; audited)', params: EnrolmentParams, response: { 200: RevealedId } },
    },
    async (req) => service.revealIdNumber(ctxOf(req, deps), deps.identity, req.params.id, req.params.enrolmentId),
  );
  app.put(
    '/api/plans/:id/enrolments/:enrolmentId/photo',
    {
      bodyLimit: 30 * 1024 * 1024,
      config: { action: 'enrolment.manage' },
      schema: {
        tags,
        summary: 'One candidate’s photo (JPEG/PNG, one-inch; re-encoded by the server)',
        params: EnrolmentParams,
        body: PhotoUploadBody,
        response: { 200: z.object({ width: z.number(), height: z.number(), bytes: z.number() }) },
      },
    },
    async (req) => photos.uploadPhoto(ctxOf(req, deps), req.params.id, req.params.enrolmentId, Buffer.from(req.body.contentBase64, 'base64')),
  );
  app.get(
    '/api/plans/:id/enrolments/:enrolmentId/photo',
    { config: { action: 'enrolment.read' }, schema: { tags, summary: 'One candidate’s stored photo (JPEG)', params: EnrolmentParams } },
    async (req, reply) =>
      reply
        .type('image/jpeg')
        .header('cache-control', 'private, no-store')
        .send(await photos.enrolmentPhoto(ctxOf(req, deps), req.params.id, req.params.enrolmentId)),
  );
  app.post(
    '/api/plans/:id/photos/zip',
    {
      bodyLimit: 60 * 1024 * 1024,
      config: { action: 'enrolment.manage' },
      schema: {
        tags,
        summary: 'Photos in bulk: a ZIP of files named by ID number, with a per-file report and who is still without one',
        params: PlanEnrolmentParams,
        body: PhotoUploadBody.extend({ contentBase64: z.string().min(1).max(60_000_000) }),
        response: { 200: PhotoZipReport },
      },
    },
    async (req) => photos.uploadPhotoZip(ctxOf(req, deps), deps.identity, req.params.id, Buffer.from(req.body.contentBase64, 'base64')),
  );

  // --- 考场编排 ---
  app.get(
    '/api/plans/:id/seating',
    {
      config: { action: 'enrolment.read' },
      schema: { tags, summary: 'The seat plan: each sitting’s room, seats and exam numbers', params: PlanEnrolmentParams, response: { 200: SeatPlan } },
    },
    async (req) => seating.seatPlanOf(ctxOf(req, deps), deps.identity, req.params.id),
  );
  app.post(
    '/api/plans/:id/seating/arrange',
    {
      config: { action: 'enrolment.manage' },
      schema: {
        tags,
        summary: 'Arrange every part’s candidates into rooms and seats (seeded; replaces the previous arrangement)',
        params: PlanEnrolmentParams,
        body: ArrangeBody,
        response: { 200: SeatPlan },
      },
    },
    async (req) => seating.arrangePlan(ctxOf(req, deps), deps.identity, req.params.id, req.body.seed),
  );
  app.post(
    '/api/plans/:id/seating/move',
    {
      config: { action: 'enrolment.manage' },
      schema: {
        tags,
        summary: 'Move a candidate to a seat (swapping with whoever sits there)',
        params: PlanEnrolmentParams,
        body: MoveSeatBody,
        response: { 200: SeatPlan },
      },
    },
    async (req) => seating.moveSeat(ctxOf(req, deps), deps.identity, req.params.id, req.body),
  );
  app.get(
    '/api/plans/:id/seating/:sittingId/:doc',
    {
      config: { action: 'enrolment.read' },
      schema: { tags, summary: 'Room list (考场座位表) or sign-in sheet (签到表) of a sitting, PDF or Excel', params: SittingDocParams },
    },
    async (req, reply) => {
      const { file, name } = await seating.sittingDocument(ctxOf(req, deps), deps.identity, req.params.id, req.params.sittingId, req.params.doc);
      return reply
        .header('content-disposition', attachment(name))
        .type(req.params.doc.endsWith('.pdf') ? PDF : XLSX)
        .send(file);
    },
  );

  // --- 准考证 ---
  app.get(
    '/api/plans/:id/tickets/:enrolmentId',
    { config: { action: 'enrolment.read' }, schema: { tags, summary: 'One candidate’s admission ticket (PDF)', params: TicketParams } },
    async (req, reply) => {
      const { file, name } = await tickets.ticketPdf(ctxOf(req, deps), deps.identity, req.params.id, req.params.enrolmentId);
      return reply.header('content-disposition', attachment(name)).type(PDF).send(file);
    },
  );
  app.post(
    '/api/plans/:id/tickets/zip',
    {
      config: { action: 'enrolment.manage' },
      schema: {
        tags,
        summary: 'All tickets of the plan as one ZIP, built by a background job (poll /api/jobs/:id)',
        params: PlanEnrolmentParams,
        response: { 202: JobView },
      },
    },
    async (req, reply) => reply.status(202).send(await tickets.startTicketsZip(ctxOf(req, deps), req.params.id)),
  );
  app.get(
    '/api/jobs/:id',
    {
      config: { action: 'enrolment.manage' },
      schema: { tags: ['jobs'], summary: 'A background job of mine: status and progress', params: JobParams, response: { 200: JobView } },
    },
    async (req) => getJobFor(deps.db, ctxOf(req, deps).actor, req.params.id),
  );
  app.get(
    '/api/jobs/:id/result',
    { config: { action: 'enrolment.manage' }, schema: { tags: ['jobs'], summary: 'The finished job’s file', params: JobParams } },
    async (req, reply) => {
      const r = await jobResultFor(deps.db, ctxOf(req, deps).actor, req.params.id);
      return reply.header('content-disposition', attachment(r.name)).type(r.type).send(r.data);
    },
  );

  // --- The candidate's own page ---
  app.get(
    '/api/me/candidate',
    {
      config: { action: 'candidate.self' },
      schema: { tags: ['candidate'], summary: 'My plans, parts, rooms, seats and exam numbers', response: { 200: MyCandidatePage } },
    },
    async (req) => tickets.myPage(ctxOf(req, deps), deps.identity),
  );
  app.get(
    '/api/me/candidate/tickets/:enrolmentId',
    {
      config: { action: 'candidate.self' },
      schema: { tags: ['candidate'], summary: 'My admission ticket (PDF)', params: z.strictObject({ enrolmentId: z.uuid() }) },
    },
    async (req, reply) => {
      const { file, name } = await tickets.myTicket(ctxOf(req, deps), deps.identity, req.params.enrolmentId);
      return reply.header('content-disposition', attachment(name)).type(PDF).send(file);
    },
  );
  app.get('/api/me/candidate/photo', { config: { action: 'candidate.self' }, schema: { tags: ['candidate'], summary: 'My photo' } }, async (req, reply) =>
    reply
      .type('image/jpeg')
      .header('cache-control', 'private, no-store')
      .send(await tickets.myPhoto(ctxOf(req, deps))),
  );
}
