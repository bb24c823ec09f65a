import { z } from 'zod';
import { SkillLevel } from '../domain.ts';
import { checkDateRange, DateRange, Paging, pageOf, sortValues } from './common.ts';
import { OccupationCode } from './occupations.ts';
import { vm } from '../validation-key.ts';
import type { ValidationMessageKey } from '../validation-messages.ts';

/** 认定计划 states. `returned` goes back to the school; `withdrawn` ends it before the exam. */
export const PLAN_STATUSES = ['draft', 'submitted', 'acknowledged', 'in_progress', 'marking', 'publicity', 'closed', 'returned', 'withdrawn'] as const;
export const PlanStatus = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof PlanStatus>;

export const PLAN_ACTIONS = ['submit', 'acknowledge', 'return', 'withdraw', 'start', 'start_marking', 'publish', 'close'] as const;
export const PlanAction = z.enum(PLAN_ACTIONS);
export type PlanAction = z.infer<typeof PlanAction>;

/** R5: the national standard, or a filed 评价规范. */
export const PlanBasis = z.enum(['national_standard', 'eval_spec']);
export type PlanBasis = z.infer<typeof PlanBasis>;
/** R6: 结果考核 or 过程考核. */
export const PlanMethod = z.enum(['result', 'process']);
export type PlanMethod = z.infer<typeof PlanMethod>;
/** R2: own students; other schools' students of related majors; society. */
export const CandidateSource = z.enum(['own_students', 'other_schools', 'society']);
export type CandidateSource = z.infer<typeof CandidateSource>;
/** theory 理论知识; practical 操作技能; process 过程考核 component; review 综合评审 (二级/一级 only). */
export const PartKind = z.enum(['theory', 'practical', 'process', 'review']);
export type PartKind = z.infer<typeof PartKind>;
/** 监考, 考评员, 主考 (a chief examiner counts as an examiner), 综合评审 panel member. */
export const StaffRole = z.enum(['invigilator', 'examiner', 'chief_examiner', 'panel']);
export type StaffRole = z.infer<typeof StaffRole>;
/** 回避: the examiner teaches a class of the group, or a named candidate is a relative. */
export const ConflictKind = z.enum(['teaches_class', 'relative']);
export type ConflictKind = z.infer<typeof ConflictKind>;

/** A calendar date a plan can use (the database keeps no year 0; nothing plans a century ahead). */
const IsoDate = z.iso.date().refine((d) => d >= '2000-01-01' && d <= '2099-12-31', vm('valid.planDate'));
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, vm('valid.time'));

export const StaffInput = z.strictObject({ role: StaffRole, certificateNo: z.string().trim().min(1).max(50) });
export type StaffInput = z.infer<typeof StaffInput>;

export const SittingInput = z.strictObject({
  date: IsoDate,
  startTime: Time,
  endTime: Time,
  /** A site declared in the listing (R9), by name. */
  site: z.string().trim().min(1).max(100),
  room: z.string().trim().min(1).max(50),
  capacity: z.number().int().min(1).max(2000),
  /** Classes of the group sitting here (回避 in the examiner draw). */
  classes: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
  staff: z.array(StaffInput).max(100).default([]),
});
export type SittingInput = z.input<typeof SittingInput>;

export const PartInput = z.strictObject({
  kind: PartKind,
  /** A process component's name. */
  name: z.string().trim().min(1).max(50).optional(),
  passMark: z.number().min(0).max(100).optional(),
  durationMinutes: z.number().int().min(1).max(600),
  /** Weight (%) of a process component. */
  weight: z.number().min(0).max(100).optional(),
  /** A paper of the school's bank for this part (theory or practical). */
  paperId: z.uuid().nullable().optional(),
  lateEntryMinutes: z.number().int().min(0).max(120).default(15),
  minMinutesBeforeSubmit: z.number().int().min(0).max(300).default(30),
  sittings: z.array(SittingInput).max(50),
});
export type PartInput = z.input<typeof PartInput>;

export const ConflictInput = z.strictObject({ certificateNo: z.string().trim().min(1).max(50), kind: ConflictKind, value: z.string().trim().min(1).max(50) });
export type ConflictInput = z.infer<typeof ConflictInput>;

export const PlanBody = z.strictObject({
  title: z.string().trim().min(1).max(100),
  /** An occupation and level (职业技能等级) … */
  occupationCode: OccupationCode.optional(),
  level: SkillLevel.optional(),
  workType: z.string().trim().max(50).optional(),
  /** … or a 专项职业能力 item. */
  specialItemId: z.uuid().optional(),
  basis: PlanBasis,
  evalSpecId: z.uuid().optional(),
  method: PlanMethod,
  candidateSources: z.array(CandidateSource).min(1).max(3),
  courseExamReplacesTheory: z.boolean().default(false),
  capacity: z.number().int().min(1).max(10000),
  /** 内部质量督导员. */
  internalSupervisor: z.string().trim().max(50).optional(),
  note: z.string().trim().max(2000).optional(),
  parts: z.array(PartInput).min(1).max(12),
  conflicts: z.array(ConflictInput).max(200).default([]),
});
export type PlanBody = z.input<typeof PlanBody>;
export type PlanBodyParsed = z.output<typeof PlanBody>;

/** One pre-submission check: the rule, the condition, what the plan has and what is required. */
export const PlanCheck = z.object({
  rule: z.string(),
  code: z.string(),
  condition: z.string(),
  pass: z.boolean(),
  value: z.unknown(),
  required: z.unknown(),
  /** Where in the plan (e.g. parts.0.sittings.1). */
  path: z.string().optional(),
});
export type PlanCheck = z.infer<typeof PlanCheck>;
export const PlanCheckReport = z.object({ ready: z.boolean(), checks: z.array(PlanCheck), earliestFirstSitting: z.string() });
export type PlanCheckReport = z.infer<typeof PlanCheckReport>;

export const StaffView = z.object({ id: z.uuid(), role: StaffRole, certificateNo: z.string(), name: z.string(), drawId: z.string().nullable() });
export const SittingView = z.object({
  id: z.uuid(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  site: z.string(),
  room: z.string(),
  capacity: z.number().int(),
  classes: z.array(z.string()),
  staff: z.array(StaffView),
});
export type SittingView = z.infer<typeof SittingView>;
export const PartView = z.object({
  id: z.uuid(),
  kind: PartKind,
  name: z.string().nullable(),
  passMark: z.number(),
  durationMinutes: z.number().int(),
  weight: z.number().nullable(),
  paperId: z.string().nullable(),
  paperName: z.string().nullable(),
  lateEntryMinutes: z.number().int(),
  minMinutesBeforeSubmit: z.number().int(),
  sittings: z.array(SittingView),
});
export type PartView = z.infer<typeof PartView>;

export const SupervisorView = z.object({ userId: z.uuid(), displayName: z.string(), username: z.string(), assignedAt: z.string() });

export const Plan = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  regionCode: z.string(),
  title: z.string(),
  occupationCode: z.string().nullable(),
  occupationName: z.string().nullable(),
  specialItemId: z.string().nullable(),
  specialItemName: z.string().nullable(),
  workType: z.string().nullable(),
  level: SkillLevel.nullable(),
  basis: PlanBasis,
  evalSpecId: z.string().nullable(),
  method: PlanMethod,
  candidateSources: z.array(CandidateSource),
  courseExamReplacesTheory: z.boolean(),
  capacity: z.number().int(),
  status: PlanStatus,
  profileId: z.string(),
  leadDays: z.number().int().nullable(),
  internalSupervisor: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  firstSitting: z.string().nullable(),
  supervisors: z.array(SupervisorView),
  pendingChange: z.boolean(),
  allowedActions: z.array(PlanAction),
  submittedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  updatedAt: z.string(),
  createdAt: z.string(),
});
export type Plan = z.infer<typeof Plan>;

export const PlanEvent = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  fromStatus: PlanStatus.nullable(),
  toStatus: PlanStatus,
  actorName: z.string().nullable(),
  actorOrg: z.string().nullable(),
  reason: z.string().nullable(),
  data: z.unknown(),
});

export const ChangeStatus = z.enum(['pending', 'acknowledged', 'returned', 'withdrawn']);
export const SittingChange = z.strictObject({
  sittingId: z.uuid(),
  date: IsoDate.optional(),
  startTime: Time.optional(),
  endTime: Time.optional(),
  site: z.string().trim().min(1).max(100).optional(),
  room: z.string().trim().min(1).max(50).optional(),
});
export const PaperChange = z.strictObject({ partId: z.uuid(), paperId: z.uuid().nullable() });
export const ChangeRequestBody = z
  .strictObject({
    reason: z.string().trim().min(1).max(2000),
    sittings: z.array(SittingChange).max(50).default([]),
    papers: z.array(PaperChange).max(12).default([]),
  })
  .refine((b) => b.sittings.length + b.papers.length > 0, { message: vm('valid.changeSomething'), path: ['sittings'] })
  .superRefine((b, ctx) => {
    // One entry per sitting and per part: two would leave HR acknowledging an ambiguous change.
    const once = <T>(list: T[], key: (x: T) => string, path: 'sittings' | 'papers', field: string, message: ValidationMessageKey) => {
      const seen = new Set<string>();
      for (const [i, x] of list.entries()) {
        if (seen.has(key(x))) ctx.addIssue({ code: 'custom', message, path: [path, i, field] });
        seen.add(key(x));
      }
    };
    once(b.sittings, (x) => x.sittingId, 'sittings', 'sittingId', vm('valid.sittingTwice'));
    once(b.papers, (x) => x.partId, 'papers', 'partId', vm('valid.partTwice'));
  });
export type ChangeRequestBody = z.input<typeof ChangeRequestBody>;
export const ChangeRequestView = z.object({
  id: z.uuid(),
  status: ChangeStatus,
  baseVersion: z.number().int(),
  changes: z.object({ sittings: z.array(SittingChange), papers: z.array(PaperChange) }),
  reason: z.string(),
  decisionReason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type ChangeRequestView = z.infer<typeof ChangeRequestView>;
export const ChangeDecisionBody = z.strictObject({ decision: z.enum(['acknowledge', 'return']), reason: z.string().trim().max(2000).optional() });

export const ConflictView = ConflictInput.extend({ id: z.uuid() });

export const PlanDetail = Plan.extend({
  parts: z.array(PartView),
  conflicts: z.array(ConflictView),
  events: z.array(PlanEvent),
  changeRequests: z.array(ChangeRequestView),
});
export type PlanDetail = z.infer<typeof PlanDetail>;

export const PlanPage = pageOf(Plan);
export const PLAN_SORTS = sortValues(['title', 'school', 'occupation', 'status', 'firstSitting', 'submittedAt', 'updatedAt']);
export type PlanSort = (typeof PLAN_SORTS)[number];
/** The day a plan list's date range applies to. */
export const PlanRangeField = z.enum(['firstSitting', 'submittedAt']);
export type PlanRangeField = z.infer<typeof PlanRangeField>;

export const PlanQuery = z
  .strictObject({
    status: PlanStatus.optional(),
    /** true: plans waiting for an action of mine (HR: to acknowledge; supervisor: assigned and not closed). */
    todo: z.enum(['true', 'false']).optional(),
    /** Title, school (institution), occupation name or code, or 专项 item name contains. */
    q: z.string().trim().max(50).optional(),
    /** First sitting (default) or submission on or after / on or before this day (YYYY-MM-DD). */
    ...DateRange,
    range: PlanRangeField.optional(),
    /** Order: a field, descending with a leading `-` (default `-updatedAt`). */
    sort: z.enum(PLAN_SORTS).optional(),
    ...Paging,
  })
  .superRefine(checkDateRange);
export type PlanQuery = z.infer<typeof PlanQuery>;

export const PlanTransitionBody = z.strictObject({
  action: z.enum(['acknowledge', 'return', 'withdraw', 'start', 'start_marking', 'publish', 'close']),
  reason: z.string().trim().max(2000).optional(),
  /** acknowledge: the external supervisors assigned with it. */
  supervisorIds: z.array(z.uuid()).max(10).optional(),
  expectedStatus: PlanStatus.optional(),
});
export type PlanTransitionBody = z.infer<typeof PlanTransitionBody>;
export const PlanSubmitBody = z.strictObject({ expectedStatus: PlanStatus.optional() });

export const AssignSupervisorsBody = z.strictObject({ userIds: z.array(z.uuid()).min(1).max(10) });
export const SupervisorOption = z.object({ userId: z.uuid(), displayName: z.string(), username: z.string() });
export const SupervisorOptions = z.array(SupervisorOption);

export const SittingParams = z.strictObject({ id: z.uuid(), sittingId: z.uuid() });
export const DrawParams = z.strictObject({ id: z.uuid(), drawId: z.uuid() });
export const ChangeParams = z.strictObject({ id: z.uuid(), changeId: z.uuid() });
export const DrawBody = z.strictObject({
  /** How many examiners; default: the profile's practical minimum for the sitting's size. */
  count: z.number().int().min(1).max(50).optional(),
  /** Seed; default: a random one the server records. */
  seed: z.string().trim().min(1).max(100).optional(),
});
export const DrawView = z.object({
  id: z.uuid(),
  sittingId: z.uuid(),
  seed: z.string(),
  count: z.number().int(),
  pool: z.array(z.string()),
  excluded: z.array(z.object({ certificateNo: z.string(), reason: z.string() })),
  log: z.unknown(),
  drawn: z.array(z.string()),
  drawnBy: z.string().nullable(),
  at: z.string(),
});
export type DrawView = z.infer<typeof DrawView>;
export const DrawReplay = z.object({ draw: DrawView, replayed: z.array(z.string()), matches: z.boolean(), replayLog: z.unknown() });
export type DrawReplay = z.infer<typeof DrawReplay>;

/** What the plan editor offers a school: its listed institutions with scope, declared sites and roster; its papers and 评价规范. */
export const PlanOptions = z.object({
  institutions: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(['skill_level', 'special_ability']),
      status: z.string(),
      scope: z.array(
        z.object({
          occupationCode: z.string().nullable(),
          occupationName: z.string().nullable(),
          specialItemId: z.string().nullable(),
          specialItemName: z.string().nullable(),
          workType: z.string().nullable(),
          level: SkillLevel.nullable(),
          suspended: z.boolean(),
        }),
      ),
      sites: z.array(z.object({ name: z.string(), capacity: z.number().int() })),
      roster: z.array(
        z.object({
          certificateNo: z.string(),
          name: z.string(),
          occupationCode: z.string().nullable(),
          levels: z.array(z.number().int()),
          validTo: z.string().nullable(),
        }),
      ),
    }),
  ),
  papers: z.array(z.object({ id: z.uuid(), name: z.string(), part: z.string(), occupationCode: z.string(), level: z.number().int() })),
  specs: z.array(z.object({ id: z.uuid(), title: z.string(), status: z.string(), occupationCode: z.string(), levels: z.array(z.number().int()) })),
  leadDays: z.number().int(),
});
export type PlanOptions = z.infer<typeof PlanOptions>;
