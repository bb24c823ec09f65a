import { z } from 'zod';
import { pageOf } from './common.ts';

// 报名 (enrolment) and 考务 (exam administration): candidates of a plan, their photos, seats and admission tickets.

/** 证件类型. Only 居民身份证 is checked by GB 11643; the others by shape, with gender and birth date from the row. */
export const ID_TYPES = ['resident_id', 'hk_macao_permit', 'taiwan_permit', 'passport', 'foreign_permanent'] as const;
export const IdType = z.enum(ID_TYPES);
export type IdType = z.infer<typeof IdType>;
export const ID_TYPE_NAMES: Record<IdType, string> = {
  resident_id: '居民身份证',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  passport: '护照',
  foreign_permanent: '外国人永久居留身份证',
};

/** R2: where a candidate comes from. */
export const CANDIDATE_CATEGORIES = ['own_student', 'other_school_student', 'society'] as const;
export const CandidateCategory = z.enum(CANDIDATE_CATEGORIES);
export type CandidateCategory = z.infer<typeof CandidateCategory>;

/** 社会人员 kinds (subsidy and statistics distinguish them). */
export const SOCIETY_KINDS = ['veteran', 'migrant_worker', 'rural_labour', 'employee', 'unemployed', 'other'] as const;
export const SocietyKind = z.enum(SOCIETY_KINDS);
export type SocietyKind = z.infer<typeof SocietyKind>;

/** The category column's words: 本校学生, 外校学生, 社会人员-退役军人 … */
export const CATEGORY_LABELS: { label: string; category: CandidateCategory; societyKind: SocietyKind | null }[] = [
  { label: '本校学生', category: 'own_student', societyKind: null },
  { label: '外校学生', category: 'other_school_student', societyKind: null },
  { label: '社会人员-退役军人', category: 'society', societyKind: 'veteran' },
  { label: '社会人员-农民工', category: 'society', societyKind: 'migrant_worker' },
  { label: '社会人员-农村劳动力', category: 'society', societyKind: 'rural_labour' },
  { label: '社会人员-企业职工', category: 'society', societyKind: 'employee' },
  { label: '社会人员-失业人员', category: 'society', societyKind: 'unemployed' },
  { label: '社会人员-其他', category: 'society', societyKind: 'other' },
];

export const GENDERS = ['male', 'female'] as const;
export const Gender = z.enum(GENDERS);
export type Gender = z.infer<typeof Gender>;

/** 新考 / 补考 per part. */
export const Attempt = z.enum(['first', 'resit']);
export type Attempt = z.infer<typeof Attempt>;
/** Parts a candidate sits, as the template's columns name them. */
export const ENROLMENT_PARTS = ['theory', 'practical', 'review'] as const;
export const EnrolmentPart = z.enum(ENROLMENT_PARTS);
export type EnrolmentPart = z.infer<typeof EnrolmentPart>;
export const Attempts = z.partialRecord(EnrolmentPart, Attempt);
export type Attempts = z.infer<typeof Attempts>;

const Name = z.string().trim().min(1).max(50);
const Phone = z
  .string()
  .trim()
  .regex(/^\+?[\d\s-]{5,20}$/);

/** One candidate entered by hand. */
export const EnrolmentBody = z.strictObject({
  name: Name,
  idType: IdType.default('resident_id'),
  idNumber: z.string().trim().min(1).max(30),
  /** Checked against the ID number's own for 居民身份证; required for the other ID types. */
  gender: Gender.nullable().optional(),
  birthDate: z.iso.date().nullable().optional(),
  category: CandidateCategory,
  societyKind: SocietyKind.nullable().optional(),
  /** For another school's student: that school. */
  schoolName: z.string().trim().max(100).nullable().optional(),
  majorCode: z.string().trim().max(12).nullable().optional(),
  className: z.string().trim().max(50).nullable().optional(),
  graduatingYear: z.number().int().min(1990).max(2100).nullable().optional(),
  phone: Phone.nullable().optional(),
  attempts: Attempts.optional(),
});
export type EnrolmentBody = z.infer<typeof EnrolmentBody>;

/** Why a row or a candidate was refused: the rule (R2, R3, GB11643 …), a stable code, the column, the words. */
export const EnrolmentProblem = z.object({
  code: z.string(),
  rule: z.string().nullable(),
  /** The template column the problem is in (letter), '' for the whole row. */
  column: z.string(),
  message: z.string(),
});
export type EnrolmentProblem = z.infer<typeof EnrolmentProblem>;

export const RowVerdict = z.object({
  /** Excel row number (0 for a candidate entered by hand). */
  row: z.number().int(),
  name: z.string(),
  /** Masked: 5***************1X. */
  idNumberMasked: z.string(),
  accepted: z.boolean(),
  problems: z.array(EnrolmentProblem),
});
export type RowVerdict = z.infer<typeof RowVerdict>;

export const FileUploadBody = z.strictObject({
  filename: z.string().trim().max(200).optional(),
  contentBase64: z.string().min(1).max(40_000_000),
});

/** The preview (nothing written) and the commit answer the same shape. */
export const EnrolmentImportReport = z.object({
  /** true on commit when the accepted rows were stored (all in one transaction). */
  stored: z.boolean(),
  rows: z.number().int(),
  accepted: z.number().int(),
  refused: z.number().int(),
  /** Whole-file problems (not a template, too large …); when present no row was judged. */
  fileErrors: z.array(z.string()),
  verdicts: z.array(RowVerdict),
  /** The user's workbook with each refusal as a cell comment (批注), base64 .xlsx; null when nothing was refused. */
  annotatedWorkbookBase64: z.string().nullable(),
  /** On commit: accounts that were created, with their one-time activation codes (printed on the confirmation). */
  activations: z.array(z.lazy(() => ActivationSlip)),
});
export type EnrolmentImportReport = z.infer<typeof EnrolmentImportReport>;

/** What the school hands a candidate: the username and a one-time activation code. */
export const ActivationSlip = z.object({
  enrolmentId: z.uuid(),
  name: z.string(),
  idNumberMasked: z.string(),
  username: z.string(),
  /** One-time code, shown only when (re)issued. */
  activationCode: z.string(),
});
export type ActivationSlip = z.infer<typeof ActivationSlip>;
export const ActivationSlips = z.object({ items: z.array(ActivationSlip) });

export const EnrolmentSummary = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  personId: z.uuid(),
  name: z.string(),
  idType: IdType,
  idNumberMasked: z.string(),
  gender: Gender,
  birthDate: z.string(),
  category: CandidateCategory,
  societyKind: SocietyKind.nullable(),
  schoolName: z.string().nullable(),
  majorCode: z.string().nullable(),
  majorName: z.string().nullable(),
  className: z.string().nullable(),
  graduatingYear: z.number().int().nullable(),
  phoneMasked: z.string().nullable(),
  attempts: Attempts,
  status: z.enum(['enrolled', 'withdrawn']),
  hasPhoto: z.boolean(),
  username: z.string().nullable(),
  activated: z.boolean(),
  createdAt: z.string(),
});
export type EnrolmentSummary = z.infer<typeof EnrolmentSummary>;

export const EnrolmentQuery = z.object({
  q: z.string().trim().max(50).optional(),
  withoutPhoto: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const EnrolmentPage = pageOf(EnrolmentSummary);

export const PlanEnrolmentParams = z.strictObject({ id: z.uuid() });
export const EnrolmentParams = z.strictObject({ id: z.uuid(), enrolmentId: z.uuid() });

/** The whole ID number, for school staff who need it: each reveal is audited. */
export const RevealedId = z.object({ idType: IdType, idNumber: z.string() });

// --- Candidate accounts --------------------------------------------------------------------------------------

export const ActivateBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  activationCode: z.string().trim().min(4).max(32),
  newPassword: z.string().min(8).max(128),
});
export type ActivateBody = z.infer<typeof ActivateBody>;

// --- Photos ------------------------------------------------------------------------------------------------

export const PhotoUploadBody = z.strictObject({ contentBase64: z.string().min(1).max(30_000_000) });
export const PhotoFileResult = z.object({
  file: z.string(),
  ok: z.boolean(),
  /** The person's name (masked ID) when the file matched one. */
  candidate: z.string().nullable(),
  message: z.string(),
});
export const PhotoZipReport = z.object({
  stored: z.number().int(),
  refused: z.number().int(),
  files: z.array(PhotoFileResult),
  /** Enrolled candidates still without a photo after this upload. */
  withoutPhoto: z.array(z.object({ enrolmentId: z.uuid(), name: z.string(), idNumberMasked: z.string() })),
});
export type PhotoZipReport = z.infer<typeof PhotoZipReport>;

// --- Seating (考场编排) ---------------------------------------------------------------------------------------

export const SeatAssignment = z.object({
  enrolmentId: z.uuid(),
  name: z.string(),
  idNumberMasked: z.string(),
  className: z.string().nullable(),
  sittingId: z.uuid(),
  room: z.string(),
  seat: z.number().int(),
  examNumber: z.string(),
  manual: z.boolean(),
});
export type SeatAssignment = z.infer<typeof SeatAssignment>;

export const SittingSeatPlan = z.object({
  sittingId: z.uuid(),
  part: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  site: z.string().nullable(),
  rooms: z.array(z.object({ room: z.string(), capacity: z.number().int(), seats: z.array(SeatAssignment) })),
  unseated: z.number().int(),
  seed: z.string().nullable(),
});
export const SeatPlan = z.object({ planId: z.uuid(), sittings: z.array(SittingSeatPlan) });
export type SeatPlan = z.infer<typeof SeatPlan>;

export const ArrangeBody = z.strictObject({
  /** The seed of the order; kept, so arranging again with it gives the same plan. Omitted: a new random seed. */
  seed: z.string().trim().min(1).max(64).optional(),
});
export const MoveSeatBody = z.strictObject({
  enrolmentId: z.uuid(),
  sittingId: z.uuid(),
  room: z.string().trim().min(1).max(50),
  seat: z.number().int().min(1).max(1000),
});

// --- Jobs (background work with progress) -------------------------------------------------------------------

export const JobView = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number(),
  done: z.number().int(),
  total: z.number().int(),
  error: z.string().nullable(),
  resultName: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobView = z.infer<typeof JobView>;

// --- The candidate's own page --------------------------------------------------------------------------------

export const MyTicketPart = z.object({
  part: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  site: z.string().nullable(),
  room: z.string().nullable(),
  seat: z.number().int().nullable(),
  examNumber: z.string().nullable(),
});
export const MyEnrolment = z.object({
  enrolmentId: z.uuid(),
  planId: z.uuid(),
  planName: z.string(),
  institution: z.string(),
  occupation: z.string(),
  level: z.number().int(),
  status: z.string(),
  parts: z.array(MyTicketPart),
  /** An admission ticket can be downloaded (seats arranged, photo present). */
  ticketReady: z.boolean(),
});
export const MyCandidatePage = z.object({
  name: z.string(),
  idNumberMasked: z.string(),
  hasPhoto: z.boolean(),
  enrolments: z.array(MyEnrolment),
});
export type MyCandidatePage = z.infer<typeof MyCandidatePage>;

export const EnrolOneResult = z.object({
  enrolment: EnrolmentSummary,
  /** The new candidate account's activation slip; null when the person already had an account. */
  activation: ActivationSlip.nullable(),
});
export type EnrolOneResult = z.infer<typeof EnrolOneResult>;
export const ReissueBody = z.strictObject({ enrolmentIds: z.array(z.uuid()).max(20000).optional() });
