import {
  AbsentBody,
  AllowTakeoverBody,
  AttemptParams,
  ExamAttemptState,
  ExamEnterBody,
  ExamEventBody,
  ExamEventResult,
  ExamSettings,
  ExamSettingsBody,
  ExamSignInBody,
  ExtraTimeBody,
  MyExams,
  OnBehalfSubmitBody,
  PrepareResult,
  RoomActionResult,
  RoomEvents,
  RoomEventsQuery,
  RoomView,
  SaveAnswersBody,
  SaveAnswersResult,
  SittingAttemptParams,
  SittingIdParams,
} from '@skillcert/shared/api/exams';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as room from './exams.room.ts';
import * as exam from './exams.service.ts';

const tags = ['exams'];

export function registerExamRoutes(app: App, deps: AppDeps): void {
  const cookieOptions = { path: '/api', httpOnly: true, sameSite: 'strict' as const, secure: deps.config.cookieSecure };
  const client = (req: FastifyRequest): exam.Client => ({ ip: req.ip, requestId: req.id });
  const token = (req: FastifyRequest) => req.cookies[exam.EXAM_COOKIE];
  const staff = (req: FastifyRequest): room.StaffContext => ({ ...ctxOf(req, deps), address: req.ip });
  const entered = (reply: FastifyReply, e: exam.Entered) => {
    reply.setCookie(exam.EXAM_COOKIE, e.token, { ...cookieOptions, expires: e.expiresAt });
    return e.state;
  };

  // --- The candidate (exam cookie; no login) ---
  app.post(
    '/api/exam/sign-in',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '签到: exam number + ID number; sets the exam cookie bound to the attempt and this device',
        body: ExamSignInBody,
        response: { 200: ExamAttemptState },
      },
    },
    async (req, reply) => entered(reply, await exam.signIn(deps.db, deps.identity, req.body, client(req))),
  );
  app.get(
    '/api/exam/attempt',
    { config: { public: true }, schema: { tags, summary: 'My attempt: clock (server time), my copy, my answers', response: { 200: ExamAttemptState } } },
    async (req) => exam.readAttempt(deps.db, token(req), client(req)),
  );
  app.post(
    '/api/exam/start',
    {
      config: { public: true },
      schema: { tags, summary: 'Start answering (from the sitting’s start; resumes a started attempt)', response: { 200: ExamAttemptState } },
    },
    async (req) => exam.start(deps.db, token(req), client(req)),
  );
  app.put(
    '/api/exam/answers',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Save a batch of answers (all or none; an older seq never overwrites a newer one)',
        body: SaveAnswersBody,
        response: { 200: SaveAnswersResult },
      },
    },
    async (req) => exam.saveAnswers(deps.db, token(req), client(req), req.body.answers),
  );
  app.post(
    '/api/exam/events',
    {
      config: { public: true },
      schema: { tags, summary: 'An integrity event (切屏, paste, full screen left, reconnect)', body: ExamEventBody, response: { 200: ExamEventResult } },
    },
    async (req) => exam.recordEvent(deps.db, token(req), client(req), req.body),
  );
  app.post(
    '/api/exam/submit',
    { config: { public: true }, schema: { tags, summary: '交卷 (refused before the minimum time)', response: { 200: ExamAttemptState } } },
    async (req) => exam.submit(deps.db, token(req), client(req)),
  );
  app.get('/api/exam/photo', { config: { public: true }, schema: { tags, summary: 'My enrolment photo (JPEG)' } }, async (req, reply) =>
    reply
      .type('image/jpeg')
      .header('cache-control', 'private, no-store')
      .send(await exam.candidatePhoto(deps.db, token(req))),
  );

  // --- The candidate account ---
  app.get(
    '/api/me/exams',
    { config: { action: 'candidate.self' }, schema: { tags, summary: 'My theory exams with their windows', response: { 200: MyExams } } },
    async (req) => exam.myExams(ctxOf(req, deps)),
  );
  app.post(
    '/api/me/exams/:attemptId/enter',
    {
      config: { action: 'candidate.self' },
      schema: { tags, summary: '签到 from my account; sets the exam cookie', params: AttemptParams, body: ExamEnterBody, response: { 200: ExamAttemptState } },
    },
    async (req, reply) => entered(reply, await exam.enterFromAccount(ctxOf(req, deps), req.params.attemptId, req.body.deviceId, client(req))),
  );

  // --- The room (invigilator, school offices; HR and supervisors read) ---
  app.get(
    '/api/sittings/:id/room',
    {
      config: { action: 'exam.monitor' },
      schema: { tags, summary: 'The room: candidates with photos and live status', params: SittingIdParams, response: { 200: RoomView } },
    },
    async (req) => room.room(ctxOf(req, deps), req.params.id),
  );
  app.get(
    '/api/sittings/:id/events',
    {
      config: { action: 'exam.monitor' },
      schema: {
        tags,
        summary: 'The live event log (poll with after = the last id seen)',
        params: SittingIdParams,
        querystring: RoomEventsQuery,
        response: { 200: RoomEvents },
      },
    },
    async (req) => room.roomEvents(ctxOf(req, deps), req.params.id, req.query),
  );
  app.get(
    '/api/sittings/:id/attempts/:attemptId/photo',
    { config: { action: 'exam.monitor' }, schema: { tags, summary: 'A candidate’s enrolment photo (JPEG)', params: SittingAttemptParams } },
    async (req, reply) =>
      reply
        .type('image/jpeg')
        .header('cache-control', 'private, no-store')
        .send(await room.attemptPhoto(ctxOf(req, deps), req.params.id, req.params.attemptId)),
  );
  app.get(
    '/api/sittings/:id/exam-settings',
    {
      config: { action: 'exam.monitor' },
      schema: { tags, summary: 'Allowed addresses and switch policy', params: SittingIdParams, response: { 200: ExamSettings } },
    },
    async (req) => room.settings(ctxOf(req, deps), req.params.id),
  );
  app.put(
    '/api/sittings/:id/exam-settings',
    {
      config: { action: 'exam.invigilate' },
      schema: {
        tags,
        summary: 'Set the allowed addresses (IP/CIDR) and the part’s switch policy',
        params: SittingIdParams,
        body: ExamSettingsBody,
        response: { 200: ExamSettings },
      },
    },
    async (req) => room.updateSettings(ctxOf(req, deps), req.params.id, req.body),
  );
  app.post(
    '/api/sittings/:id/prepare',
    {
      config: { action: 'exam.invigilate' },
      schema: { tags, summary: 'Prepare the candidates’ copies now (idempotent)', params: SittingIdParams, response: { 200: PrepareResult } },
    },
    async (req) => room.prepare(ctxOf(req, deps), req.params.id),
  );
  app.post(
    '/api/sittings/:id/attempts/:attemptId/confirm-identity',
    {
      config: { action: 'exam.invigilate' },
      schema: { tags, summary: '核验身份 against the photo', params: SittingAttemptParams, response: { 200: RoomActionResult } },
    },
    async (req) => room.confirmIdentity(staff(req), req.params.id, req.params.attemptId),
  );
  app.post(
    '/api/sittings/:id/attempts/:attemptId/absent',
    {
      config: { action: 'exam.invigilate' },
      schema: { tags, summary: '缺考 (writes the absent part result)', params: SittingAttemptParams, body: AbsentBody, response: { 200: RoomActionResult } },
    },
    async (req) => room.markAbsent(staff(req), req.params.id, req.params.attemptId, req.body.reason),
  );
  app.post(
    '/api/sittings/:id/attempts/:attemptId/allow-takeover',
    {
      config: { action: 'exam.invigilate' },
      schema: {
        tags,
        summary: 'Allow another device to take over, once, for some minutes',
        params: SittingAttemptParams,
        body: AllowTakeoverBody,
        response: { 200: RoomActionResult },
      },
    },
    async (req) => room.allowTakeover(staff(req), req.params.id, req.params.attemptId, req.body),
  );
  app.post(
    '/api/sittings/:id/attempts/:attemptId/extra-time',
    {
      config: { action: 'exam.invigilate' },
      schema: {
        tags,
        summary: 'Extra time for this candidate, with the reason (logged)',
        params: SittingAttemptParams,
        body: ExtraTimeBody,
        response: { 200: RoomActionResult },
      },
    },
    async (req) => room.extraTime(staff(req), req.params.id, req.params.attemptId, req.body),
  );
  app.post(
    '/api/sittings/:id/attempts/:attemptId/submit',
    {
      config: { action: 'exam.invigilate' },
      schema: {
        tags,
        summary: '代交卷: submit on the candidate’s behalf, with the reason',
        params: SittingAttemptParams,
        body: OnBehalfSubmitBody,
        response: { 200: RoomActionResult },
      },
    },
    async (req) => room.submitOnBehalf(staff(req), req.params.id, req.params.attemptId, req.body.reason),
  );
}
