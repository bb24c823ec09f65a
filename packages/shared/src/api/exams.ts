import { z } from 'zod';
import { vm } from '../validation-key.ts';

/**
 * The online theory exam (理论考试): the candidate's side (sign-in, the attempt, answers, integrity events, submit) and the
 * invigilator's side (room, live events, identity, absent, takeover, extra time, submit on behalf). Every time comes from
 * the server's clock (ISO strings); a browser never decides a deadline.
 *
 * Refusals (the one error shape): 422 EXAM.BAD_CREDENTIALS (unknown exam number or wrong ID number — the same answer),
 * 429 AUTH.THROTTLED, 422 EXAM.NOT_OPEN / EXAM.ENTRY_CLOSED / EXAM.NOT_STARTED / EXAM.TOO_EARLY_TO_SUBMIT /
 * EXAM.DEADLINE_PASSED (details carry the ISO time), 422 EXAM.ITEM_NOT_ON_PAPER / EXAM.BAD_RESPONSE (the whole batch is
 * refused), 409 EXAM.OTHER_DEVICE (another device holds the attempt), 409 EXAM.NO_SESSION (no or expired exam cookie —
 * never 401: the exam page is not the account login), 409 EXAM.SUBMITTED / EXAM.ABSENT / EXAM.PLAN_NOT_RUNNING,
 * 403 EXAM.ADDRESS_NOT_ALLOWED. The exam cookie (`skillcert_exam`, httpOnly, path /api) is set by sign-in and enter.
 */

/** A random id the browser keeps for itself (localStorage); one active device per attempt. */
export const DeviceId = z
  .string()
  .trim()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, vm('valid.deviceId'));
export type DeviceId = z.infer<typeof DeviceId>;

/** 签到 without an account: 准考证号 + 证件号码. An unknown exam number and a wrong ID number answer the same. */
export const ExamSignInBody = z.strictObject({
  examNumber: z.string().trim().min(1).max(32),
  idNumber: z.string().trim().min(1).max(32),
  deviceId: DeviceId,
});
export type ExamSignInBody = z.infer<typeof ExamSignInBody>;

/** 签到 from the candidate account (`POST /api/me/exams/:attemptId/enter`). */
export const ExamEnterBody = z.strictObject({ deviceId: DeviceId });
export type ExamEnterBody = z.infer<typeof ExamEnterBody>;
export const AttemptParams = z.strictObject({ attemptId: z.uuid() });

/** prepared (copy ready) → signed_in (签到) → writing (started) → submitted, or absent (缺考). */
export const ATTEMPT_STATUSES = ['prepared', 'signed_in', 'writing', 'submitted', 'absent'] as const;
export const AttemptStatus = z.enum(ATTEMPT_STATUSES);
export type AttemptStatus = z.infer<typeof AttemptStatus>;

/** How an attempt was submitted. */
export const SubmittedHow = z.enum(['candidate', 'deadline', 'switch_limit', 'invigilator']);
export type SubmittedHow = z.infer<typeof SubmittedHow>;

/** The item types of a theory paper. */
export const ExamItemType = z.enum(['single', 'multiple', 'judge', 'subjective']);
export type ExamItemType = z.infer<typeof ExamItemType>;

/** One item of the candidate's own copy, in the candidate's order; options in the candidate's order. Never answers, never rubrics. */
export const ExamItem = z.object({
  itemId: z.uuid(),
  /** 1-based position on the candidate's copy. */
  position: z.number().int(),
  type: ExamItemType,
  stem: z.string(),
  points: z.number(),
  /**
   * The options as this candidate sees them. `key` is what the candidate answers with: A, B, C … in the shown order for
   * single and multiple choice (relabelled after shuffling); "true" / "false" for 判断; [] for 简答.
   */
  options: z.array(z.object({ key: z.string(), text: z.string() })),
});
export type ExamItem = z.infer<typeof ExamItem>;

/**
 * An answer: the chosen option keys (single: one key, or none to clear; multiple: any number; judge: ["true"] or ["false"])
 * or the text of a 简答 answer.
 */
export const ExamResponse = z.union([
  z.strictObject({ keys: z.array(z.string().trim().min(1).max(8)).max(8) }),
  z.strictObject({ text: z.string().max(10000) }),
]);
export type ExamResponse = z.infer<typeof ExamResponse>;

/** `seq`: the browser's counter per attempt (increasing); an answer with an older seq never overwrites a newer one. */
export const ExamAnswer = z.strictObject({
  itemId: z.uuid(),
  response: ExamResponse,
  flagged: z.boolean().default(false),
  seq: z.number().int().min(0).max(2_000_000_000),
});
export type ExamAnswer = z.input<typeof ExamAnswer>;

export const ExamAnswerView = z.object({ itemId: z.uuid(), response: ExamResponse, flagged: z.boolean(), seq: z.number().int() });
export type ExamAnswerView = z.infer<typeof ExamAnswerView>;

/** The attempt as the candidate's page shows it (`GET /api/exam/attempt`, and the answer of sign-in, enter, start, submit). */
export const ExamAttemptState = z.object({
  attemptId: z.uuid(),
  status: AttemptStatus,
  submittedHow: SubmittedHow.nullable(),
  examNumber: z.string(),
  candidateName: z.string(),
  /** The enrolment photo, readable with the exam session cookie. */
  photoUrl: z.string().nullable(),
  sitting: z.object({ id: z.uuid(), title: z.string(), site: z.string(), room: z.string(), seat: z.number().int().nullable() }),
  /** Server time when the state was read; the browser keeps only the offset. */
  serverNow: z.string(),
  startsAt: z.string(),
  opensAt: z.string(),
  entryClosesAt: z.string(),
  /** The candidate's deadline (sitting end + extra minutes). */
  deadline: z.string(),
  remainingSeconds: z.number().int(),
  /** Submitting before this is refused (EXAM.TOO_EARLY_TO_SUBMIT). */
  minSubmitAt: z.string(),
  extraMinutes: z.number().int(),
  switchCount: z.number().int(),
  /** Null: no limit set for the part. */
  switchLimit: z.number().int().nullable(),
  autoSubmitAtSwitchLimit: z.boolean(),
  startedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  /** Filled once the attempt is started (items are not shown before the start). */
  items: z.array(ExamItem),
  answers: z.array(ExamAnswerView),
});
export type ExamAttemptState = z.infer<typeof ExamAttemptState>;

/** `PUT /api/exam/answers`: a batch from the browser's queue, all saved in one transaction or none. */
export const SaveAnswersBody = z.strictObject({ answers: z.array(ExamAnswer).min(1).max(200) });
export type SaveAnswersBody = z.input<typeof SaveAnswersBody>;

/** Acknowledgement: every answer of the batch with the seq now stored for its item (may be newer than the one sent). */
export const SaveAnswersResult = z.object({
  saved: z.array(z.object({ itemId: z.uuid(), seq: z.number().int() })),
  serverNow: z.string(),
  remainingSeconds: z.number().int(),
});
export type SaveAnswersResult = z.infer<typeof SaveAnswersResult>;

/** Events the browser reports (the server itself logs address_changed, takeover, time_extended, sign_in, start, submit …). */
export const CLIENT_EVENT_KINDS = ['focus_lost', 'tab_hidden', 'paste', 'fullscreen_left', 'reconnect'] as const;
export const ClientEventKind = z.enum(CLIENT_EVENT_KINDS);
export type ClientEventKind = z.infer<typeof ClientEventKind>;

export const ExamEventBody = z.strictObject({
  kind: ClientEventKind,
  data: z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean(), z.null()])).optional(),
});
export type ExamEventBody = z.infer<typeof ExamEventBody>;

/** After a 切屏 event: none (not a switch), warn (count / limit), or submit (the limit reached and the plan auto-submits). */
export const SwitchVerdictView = z.enum(['none', 'warn', 'submit']);
export const ExamEventResult = z.object({
  switchCount: z.number().int(),
  switchLimit: z.number().int().nullable(),
  verdict: SwitchVerdictView,
  status: AttemptStatus,
});
export type ExamEventResult = z.infer<typeof ExamEventResult>;

// --- Candidate account ------------------------------------------------------------------------------------------------

export const MyExam = z.object({
  attemptId: z.uuid(),
  planId: z.uuid(),
  planTitle: z.string(),
  examNumber: z.string(),
  status: AttemptStatus,
  site: z.string(),
  room: z.string(),
  startsAt: z.string(),
  opensAt: z.string(),
  entryClosesAt: z.string(),
  deadline: z.string(),
  /** Could the candidate enter (or resume) now, by the server's clock? */
  canEnter: z.boolean(),
});
export type MyExam = z.infer<typeof MyExam>;
export const MyExams = z.object({ items: z.array(MyExam), serverNow: z.string() });
export type MyExams = z.infer<typeof MyExams>;

// --- Invigilator / staff ------------------------------------------------------------------------------------------------

export const SittingIdParams = z.strictObject({ id: z.uuid() });
export const SittingAttemptParams = z.strictObject({ id: z.uuid(), attemptId: z.uuid() });

export const RoomCandidate = z.object({
  attemptId: z.uuid(),
  enrolmentId: z.uuid(),
  seat: z.number().int().nullable(),
  examNumber: z.string(),
  name: z.string(),
  /** The enrolment photo (`/api/plans/:id/enrolments/:enrolmentId/photo`), or null when none was uploaded. */
  photoUrl: z.string().nullable(),
  status: AttemptStatus,
  submittedHow: SubmittedHow.nullable(),
  identityConfirmed: z.boolean(),
  answeredCount: z.number().int(),
  itemCount: z.number().int(),
  switchCount: z.number().int(),
  /** Last write (answer, event, sign-in) of the attempt. */
  lastSeen: z.string().nullable(),
  extraMinutes: z.number().int(),
  deadline: z.string(),
  /** A takeover allowance is open until this time. */
  takeoverUntil: z.string().nullable(),
  address: z.string().nullable(),
});
export type RoomCandidate = z.infer<typeof RoomCandidate>;

export const RoomView = z.object({
  sitting: z.object({
    id: z.uuid(),
    planId: z.uuid(),
    planTitle: z.string(),
    date: z.string(),
    startTime: z.string(),
    endTime: z.string(),
    site: z.string(),
    room: z.string(),
    startsAt: z.string(),
    opensAt: z.string(),
    entryClosesAt: z.string(),
    endsAt: z.string(),
    switchLimit: z.number().int().nullable(),
    autoSubmitAtSwitchLimit: z.boolean(),
    allowedAddresses: z.array(z.string()),
  }),
  serverNow: z.string(),
  candidates: z.array(RoomCandidate),
  /** Counts by status. */
  counts: z.record(z.string(), z.number().int()),
  /** Candidates seated in the sitting whose copy is not prepared yet (0 once prepared). */
  unprepared: z.number().int(),
});
export type RoomView = z.infer<typeof RoomView>;

/** `GET /api/exam-rooms`: the theory sittings the user may run or watch, from yesterday on (China dates), soonest first. */
export const ExamRoomsQuery = z.strictObject({
  /** Also past sittings (from this day, YYYY-MM-DD). */
  from: z.iso.date().optional(),
});
export const ExamRoomSummary = z.object({
  sittingId: z.uuid(),
  planId: z.uuid(),
  planTitle: z.string(),
  orgName: z.string(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  site: z.string(),
  room: z.string(),
  startsAt: z.string(),
  seats: z.number().int(),
  /** Copies prepared, and attempts by status. */
  prepared: z.number().int(),
  signedIn: z.number().int(),
  writing: z.number().int(),
  submitted: z.number().int(),
  absent: z.number().int(),
  /** May the user run the room (invigilate), or only watch it? */
  canInvigilate: z.boolean(),
});
export type ExamRoomSummary = z.infer<typeof ExamRoomSummary>;
export const ExamRooms = z.object({ items: z.array(ExamRoomSummary), serverNow: z.string() });
export type ExamRooms = z.infer<typeof ExamRooms>;

export const RoomEventsQuery = z.strictObject({
  /** Only events with a larger id (poll with the last id seen). */
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const RoomEvent = z.object({
  id: z.number().int(),
  attemptId: z.uuid(),
  examNumber: z.string(),
  name: z.string(),
  kind: z.string(),
  data: z.unknown(),
  address: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});
export type RoomEvent = z.infer<typeof RoomEvent>;
export const RoomEvents = z.object({ items: z.array(RoomEvent), lastId: z.number().int() });
export type RoomEvents = z.infer<typeof RoomEvents>;

export const ExtraTimeBody = z.strictObject({
  /** Minutes added (a further grant adds again). */
  minutes: z.number().int().min(1).max(240),
  reason: z.string().trim().min(2).max(500),
});
export type ExtraTimeBody = z.infer<typeof ExtraTimeBody>;

export const AllowTakeoverBody = z.strictObject({
  /** The allowance lasts this long (default 5 minutes) and is used by the first other device that enters. */
  minutes: z.number().int().min(1).max(30).default(5),
  reason: z.string().trim().max(500).optional(),
});
export type AllowTakeoverBody = z.input<typeof AllowTakeoverBody>;

export const AbsentBody = z.strictObject({ reason: z.string().trim().max(500).optional() });
export const OnBehalfSubmitBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });

/**
 * `PUT /api/sittings/:id/exam-settings`: the sitting's allowed client addresses (IP or CIDR; empty: any address) and the
 * switch policy (切屏) of the sitting's part — a warning each time, then, when `autoSubmitAtSwitchLimit`, automatic
 * submission at `switchLimit` (null: no limit). The switch policy is the part's: it applies to every sitting of the part.
 */
export const ExamSettingsBody = z.strictObject({
  allowedAddresses: z
    .array(
      z
        .string()
        .trim()
        .min(2)
        .max(64)
        .regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, vm('valid.ipRange')),
    )
    .max(50)
    .optional(),
  switchLimit: z.number().int().min(1).max(100).nullable().optional(),
  autoSubmitAtSwitchLimit: z.boolean().optional(),
});
export type ExamSettingsBody = z.infer<typeof ExamSettingsBody>;
export const ExamSettings = z.object({
  allowedAddresses: z.array(z.string()),
  switchLimit: z.number().int().nullable(),
  autoSubmitAtSwitchLimit: z.boolean(),
});
export type ExamSettings = z.infer<typeof ExamSettings>;

export const PrepareResult = z.object({ prepared: z.number().int(), existing: z.number().int(), total: z.number().int() });
export type PrepareResult = z.infer<typeof PrepareResult>;

/** The answer of an invigilator action on one attempt: the attempt's row as the room shows it. */
export const RoomActionResult = RoomCandidate;
