import { z } from 'zod';
import { SkillLevel } from '../domain.ts';
import { Paging, pageOf } from './common.ts';
import { OccupationCode } from './occupations.ts';
import { vm } from '../validation-key.ts';

// --- Blueprints (鉴定要素细目表: 理论知识比重表 and 技能要求比重表) ---------------------------------------

/** A code inside a blueprint: "1", "1.2", "A-3" … */
export const NodeCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$/, vm('valid.nodeCode'));

export const KnowledgePoint = z.strictObject({
  code: NodeCode,
  name: z.string().trim().min(1).max(200),
  weight: z.number().min(0).max(100),
});
export type KnowledgePoint = z.infer<typeof KnowledgePoint>;

/** A knowledge area (theory) or skill area (practice); its points' weights add up to the area's weight. */
export const KnowledgeArea = z.strictObject({
  code: NodeCode,
  name: z.string().trim().min(1).max(200),
  weight: z.number().min(0).max(100),
  points: z.array(KnowledgePoint).max(100).default([]),
});
export type KnowledgeArea = z.input<typeof KnowledgeArea>;

export const BlueprintPart = z.enum(['theory', 'skills']);
export type BlueprintPart = z.infer<typeof BlueprintPart>;

export const BlueprintBody = z.strictObject({
  occupationCode: OccupationCode,
  level: SkillLevel,
  /** 理论知识比重表: area weights add up to 100. */
  theory: z.array(KnowledgeArea).max(50),
  /** 技能要求比重表: area weights add up to 100. */
  skills: z.array(KnowledgeArea).max(50),
});
export type BlueprintBody = z.input<typeof BlueprintBody>;
/** Occupation and level are the blueprint's identity; only its areas change. */
export const BlueprintUpdateBody = BlueprintBody.pick({ theory: true, skills: true });
export type BlueprintUpdateBody = z.input<typeof BlueprintUpdateBody>;

/** A weight sum that is not what it must be: the areas of a part (areaCode null) or the points of one area. */
export const WeightProblem = z.object({ part: BlueprintPart, areaCode: z.string().nullable(), sum: z.number(), expected: z.number() });
export type WeightProblem = z.infer<typeof WeightProblem>;

/** R5: what the blueprint stands on. */
export const BlueprintBasis = z.union([
  z.object({ kind: z.literal('national_standard'), year: z.number() }),
  z.object({ kind: z.literal('filed_spec'), specId: z.string() }),
]);

export const Blueprint = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  occupationCode: z.string(),
  occupationName: z.string(),
  level: SkillLevel,
  basis: BlueprintBasis,
  theory: z.array(
    z.object({ code: z.string(), name: z.string(), weight: z.number(), points: z.array(z.object({ code: z.string(), name: z.string(), weight: z.number() })) }),
  ),
  skills: z.array(
    z.object({ code: z.string(), name: z.string(), weight: z.number(), points: z.array(z.object({ code: z.string(), name: z.string(), weight: z.number() })) }),
  ),
  /** Empty when every weight sum is right; papers can only be assembled then. */
  problems: z.array(WeightProblem),
  /** Reviewed items per area and type, for the bank browser and the assembly dialog. */
  itemCounts: z.array(z.object({ areaCode: z.string(), type: z.string(), status: z.string(), count: z.number().int() })),
  updatedAt: z.string(),
});
export type Blueprint = z.infer<typeof Blueprint>;

export const BlueprintQuery = z.strictObject({
  occupationCode: OccupationCode.optional(),
  level: z.coerce.number().pipe(SkillLevel).optional(),
  orgId: z.uuid().optional(),
});

// --- Items ----------------------------------------------------------------------------------------------

/** 单选, 多选, 判断, 简答 (marked by assessors), 实操 (practical task on a rubric). */
export const ITEM_TYPES = ['single', 'multiple', 'judge', 'subjective', 'practical'] as const;
export const ItemType = z.enum(ITEM_TYPES);
export type ItemType = z.infer<typeof ItemType>;
export const THEORY_TYPES = ['single', 'multiple', 'judge', 'subjective'] as const;

export const ITEM_STATUSES = ['draft', 'reviewed', 'retired'] as const;
export const ItemStatus = z.enum(ITEM_STATUSES);
export type ItemStatus = z.infer<typeof ItemStatus>;

export const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export const ItemOption = z.strictObject({ key: z.enum(OPTION_KEYS), text: z.string().trim().min(1).max(1000) });
export type ItemOption = z.infer<typeof ItemOption>;

/** 评分细则: criteria with points, and 否决项 that fail the task outright. */
export const Rubric = z.strictObject({
  criteria: z
    .array(z.strictObject({ text: z.string().trim().min(1).max(500), points: z.number().positive().max(100) }))
    .min(1)
    .max(50),
  vetoes: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
  durationMinutes: z.number().int().positive().max(600).nullable().optional(),
});
export type Rubric = z.input<typeof Rubric>;

/**
 * One item's content. `answer`: option keys for single (one) and multiple (two or more) choice;
 * ["true"] or ["false"] for 判断; empty for subjective and practical (their reference answer and rubric say it).
 */
export const ItemBody = z.strictObject({
  blueprintId: z.uuid(),
  /** The knowledge point (theory) or skill area point; an area without points is named by its own code. */
  areaCode: NodeCode,
  pointCode: NodeCode.nullable().optional(),
  type: ItemType,
  stem: z.string().trim().min(2).max(5000),
  options: z.array(ItemOption).max(8).default([]),
  answer: z.array(z.string()).max(8).default([]),
  referenceAnswer: z.string().trim().max(5000).nullable().optional(),
  points: z.number().positive().max(100),
  /** 1 易 … 5 难 */
  difficulty: z.number().int().min(1).max(5),
  analysis: z.string().trim().max(5000).nullable().optional(),
  rubric: Rubric.nullable().optional(),
});
export type ItemBody = z.input<typeof ItemBody>;

export const ItemStats = z.object({
  responses: z.number().int(),
  /** Facility: mean score share, 0 … 1. */
  pValue: z.number().nullable(),
  /** Discrimination: point-biserial (corrected item-total) correlation, −1 … 1. */
  discrimination: z.number().nullable(),
  flagged: z.boolean(),
  flagReasons: z.array(z.enum(['too_easy', 'too_hard', 'low_discrimination'])),
  computedAt: z.string().nullable(),
});
export type ItemStats = z.infer<typeof ItemStats>;

export const Item = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  blueprintId: z.uuid(),
  occupationCode: z.string(),
  occupationName: z.string(),
  level: SkillLevel,
  areaCode: z.string(),
  pointCode: z.string().nullable(),
  type: ItemType,
  version: z.number().int(),
  stem: z.string(),
  options: z.array(z.object({ key: z.string(), text: z.string() })),
  answer: z.array(z.string()),
  referenceAnswer: z.string().nullable(),
  points: z.number(),
  difficulty: z.number().int(),
  analysis: z.string().nullable(),
  rubric: z
    .object({
      criteria: z.array(z.object({ text: z.string(), points: z.number() })),
      vetoes: z.array(z.string()),
      durationMinutes: z.number().nullable().optional(),
    })
    .nullable(),
  status: ItemStatus,
  /**
   * 题库保密: true when the reader is not the school's bank staff — answer, referenceAnswer and analysis are then
   * empty, and rubric is null unless the reader may see it (an examiner for tasks assigned to them, later).
   */
  answersHidden: z.boolean(),
  authorName: z.string().nullable(),
  reviewerName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  source: z.enum(['manual', 'excel', 'qti']),
  stats: ItemStats,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Item = z.infer<typeof Item>;

export const ItemVersion = z.object({
  version: z.number().int(),
  content: Item.pick({
    areaCode: true,
    pointCode: true,
    stem: true,
    options: true,
    answer: true,
    referenceAnswer: true,
    points: true,
    difficulty: true,
    analysis: true,
    rubric: true,
  }),
  editedBy: z.string().nullable(),
  createdAt: z.string(),
});
export const ItemDetail = Item.extend({ versions: z.array(ItemVersion) });
export type ItemDetail = z.infer<typeof ItemDetail>;

export const ItemQuery = z.strictObject({
  blueprintId: z.uuid().optional(),
  occupationCode: OccupationCode.optional(),
  level: z.coerce.number().pipe(SkillLevel).optional(),
  areaCode: NodeCode.optional(),
  type: ItemType.optional(),
  status: ItemStatus.optional(),
  flagged: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  ...Paging,
});
export const ItemPage = pageOf(Item);

/** Bulk status change: review (by someone other than the author), retire, or back to draft. */
export const ItemStatusBody = z.strictObject({ ids: z.array(z.uuid()).min(1).max(20000), status: ItemStatus });
export const ItemStatusResult = z.object({ changed: z.number().int(), unchanged: z.number().int() });

// --- Import / export ------------------------------------------------------------------------------------

export const FileUpload = z.strictObject({
  filename: z.string().trim().max(200).optional(),
  contentBase64: z.string().min(1).max(28_000_000),
});

export const RowError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type RowError = z.infer<typeof RowError>;

export const ItemImportReport = z.object({
  /** true when the rows were stored; false when nothing was (then `errors` says why, row by row). */
  stored: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  /** Rows that name an existing item (ID column) with changed content: a new version. */
  updated: z.number().int(),
  /** Rows identical to an item already in the bank (re-importing a file changes nothing). */
  unchanged: z.number().int(),
  errors: z.array(RowError),
  /** The uploaded workbook with every error as a cell comment (批注), base64 .xlsx; null when there are none. */
  annotatedWorkbookBase64: z.string().nullable(),
});
export type ItemImportReport = z.infer<typeof ItemImportReport>;

export const QtiImportReport = z.object({
  stored: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** The paper the package's assessment test became (or already was), if it had one. */
  paperId: z.string().nullable(),
  errors: z.array(z.object({ file: z.string(), message: z.string() })),
});
export type QtiImportReport = z.infer<typeof QtiImportReport>;
export const QtiImportBody = FileUpload.extend({
  /** For items from other platforms that carry no skillcert metadata: the blueprint they go into… */
  blueprintId: z.uuid().optional(),
  /** …and the knowledge area (and point) they are placed on. Items that name their own area keep it. */
  areaCode: NodeCode.optional(),
  pointCode: NodeCode.nullable().optional(),
});

// --- Papers ---------------------------------------------------------------------------------------------

export const PaperSection = z.strictObject({ type: ItemType, count: z.number().int().min(1).max(500), points: z.number().positive().max(100) });
export type PaperSection = z.infer<typeof PaperSection>;

export const AssembleBody = z.strictObject({
  blueprintId: z.uuid(),
  name: z.string().trim().min(1).max(100),
  /** 题型, 题量, 每题分值 — size = Σ count, total score = Σ count × points. Practical sections draw on the skill blueprint. */
  sections: z.array(PaperSection).min(1).max(5),
  /** If given, must equal Σ count × points. */
  totalScore: z.number().positive().max(1000).optional(),
  /** Target mean difficulty (1 易 … 5 难); met within ±0.5 or reported as a warning. */
  difficultyTarget: z.number().min(1).max(5).nullable().optional(),
  /** Allowed deviation of each area's share of the score from its weight, in percentage points. */
  tolerance: z.number().min(0).max(20).default(2),
  /** Variants A, B, … assembled at once; no item appears in two of them. */
  variants: z.number().int().min(1).max(6).default(1),
  /** Items used in the institution's last N papers are avoided where the bank allows. */
  avoidRecentPapers: z.number().int().min(0).max(50).default(3),
  /** Same seed, same bank → same papers. Random when omitted. */
  seed: z.string().trim().min(1).max(64).optional(),
  /** Assemble and return without storing (the dialog's preview). */
  dryRun: z.boolean().default(false),
});
export type AssembleBody = z.input<typeof AssembleBody>;

export const AreaCoverage = z.object({
  areaCode: z.string(),
  areaName: z.string(),
  weight: z.number(),
  score: z.number(),
  share: z.number(),
  deviation: z.number(),
});
export type AreaCoverage = z.infer<typeof AreaCoverage>;

/** Where the bank falls short; `points` names the section of rubric-marked items (简答/实操), which fit only at their own points. */
export const Shortage = z.object({
  areaCode: z.string(),
  areaName: z.string(),
  type: ItemType,
  points: z.number().optional(),
  needed: z.number().int(),
  available: z.number().int(),
  short: z.number().int(),
});
export type Shortage = z.infer<typeof Shortage>;

export const PaperItem = z.object({
  position: z.number().int(),
  itemId: z.uuid(),
  version: z.number().int(),
  type: ItemType,
  areaCode: z.string(),
  pointCode: z.string().nullable(),
  points: z.number(),
  difficulty: z.number().int(),
  stem: z.string(),
  options: z.array(z.object({ key: z.string(), text: z.string() })),
  /** Empty unless the paper was read with its answers (the school's bank staff, audited). */
  answer: z.array(z.string()),
  answersHidden: z.boolean(),
});
export type PaperItem = z.infer<typeof PaperItem>;

export const Paper = z.object({
  id: z.string(),
  orgId: z.uuid(),
  blueprintId: z.uuid(),
  occupationCode: z.string(),
  occupationName: z.string(),
  level: SkillLevel,
  part: BlueprintPart,
  assemblyId: z.string(),
  name: z.string(),
  variant: z.string(),
  seed: z.string(),
  source: z.enum(['assembled', 'qti']),
  itemCount: z.number().int(),
  totalScore: z.number(),
  meanDifficulty: z.number(),
  tolerance: z.number(),
  coverage: z.array(AreaCoverage),
  warnings: z.array(z.string()),
  createdAt: z.string(),
});
export type Paper = z.infer<typeof Paper>;
export const PaperDetail = Paper.extend({ items: z.array(PaperItem) });
export type PaperDetail = z.infer<typeof PaperDetail>;
export const AssembleResult = z.object({ stored: z.boolean(), papers: z.array(PaperDetail) });
export type AssembleResult = z.infer<typeof AssembleResult>;

export const PaperQuery = z.strictObject({ blueprintId: z.uuid().optional(), ...Paging });
/** `answers=true`: the answer keys too — the school's bank staff only, and every such view is audited. */
export const PaperDetailQuery = z.strictObject({ answers: z.enum(['true', 'false']).optional() });
export const PaperPage = pageOf(Paper);

/** One candidate's copy: items and options in an order reproducible from the paper's seed and the candidate key. */
export const CandidatePaper = z.object({
  paperId: z.string(),
  candidate: z.string(),
  items: z.array(
    PaperItem.extend({
      /** Options relabelled A, B, … in the shown order; `answer` uses the new labels. */
      originalKeys: z.array(z.string()),
    }),
  ),
});
export type CandidatePaper = z.infer<typeof CandidatePaper>;

/** Scores of one sitting, per candidate and item (the exams module records them; a school may also upload them). */
export const ResponsesBody = z.strictObject({
  responses: z
    .array(z.strictObject({ candidate: z.string().trim().min(1).max(64), scores: z.record(z.uuid(), z.number().min(0).max(100)) }))
    .min(1)
    .max(10000),
});
export const ResponsesResult = z.object({ candidates: z.number().int(), itemsUpdated: z.number().int(), flagged: z.number().int() });

/** The scores sheet of a sitting imported (`POST /api/papers/:id/scores/import`): every candidate recorded, or none. */
export const ScoresImportReport = ResponsesResult.extend({
  /** true when the scores were recorded (and item statistics recomputed); false when nothing was (then `errors` says why). */
  stored: z.boolean(),
  errors: z.array(RowError),
  /** The uploaded workbook with every error as a cell comment (批注), base64 .xlsx; null when there are none. */
  annotatedWorkbookBase64: z.string().nullable(),
});
export type ScoresImportReport = z.infer<typeof ScoresImportReport>;

// --- Curriculum alignment (课程内容与国家职业技能标准对接) ---------------------------------------------

export const CourseBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  code: z.string().trim().max(30).nullable().optional(),
  majorCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/)
    .nullable()
    .optional(),
  hours: z.number().int().min(0).max(2000).nullable().optional(),
  /** The blueprint areas this course teaches. */
  areas: z.array(z.strictObject({ blueprintId: z.uuid(), part: BlueprintPart, areaCode: NodeCode })).max(200),
});
export type CourseBody = z.input<typeof CourseBody>;
export const Course = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  name: z.string(),
  code: z.string().nullable(),
  majorCode: z.string().nullable(),
  hours: z.number().nullable(),
  areas: z.array(z.object({ blueprintId: z.string(), part: BlueprintPart, areaCode: z.string() })),
  updatedAt: z.string(),
});
export type Course = z.infer<typeof Course>;

export const Coverage = z.object({
  blueprintId: z.uuid(),
  areas: z.array(
    z.object({ part: BlueprintPart, code: z.string(), name: z.string(), weight: z.number(), courses: z.array(z.object({ id: z.string(), name: z.string() })) }),
  ),
  /** Share of the theory blueprint's weight taught by at least one course, 0 … 100. */
  theoryCovered: z.number(),
  skillsCovered: z.number(),
  /** Theory areas no course teaches. */
  bare: z.array(z.object({ part: BlueprintPart, code: z.string(), name: z.string(), weight: z.number() })),
  /** Every theory area is taught: a course comprehensive exam may stand in for the theory exam (课证融通, R6). */
  courseExamMayReplaceTheory: z.boolean(),
});
export type Coverage = z.infer<typeof Coverage>;
