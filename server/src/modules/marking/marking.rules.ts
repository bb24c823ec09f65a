/**
 * Marking of subjective items (简答) and practical tasks (实操) on the item's rubric (评分细则), and how several
 * examiners' marks of one candidate become one score. Pure functions; the service stores marks and calls these.
 *
 * Practice (DOMAIN.md §7, §8): each candidate is marked blind by the examiners drawn for the group, independently;
 * the score is their mean; a spread above the profile's threshold sends the candidate to the chief examiner (or a
 * further examiner), whose decision is final and recorded with a reason. A veto item (否决项) fails the whole task.
 */

export interface RubricCriterion {
  id: string;
  /** What is checked, e.g. "安全防护措施到位". */
  text: string;
  points: number;
}

export interface Rubric {
  criteria: RubricCriterion[];
  /** 否决项: any one observed fails the task (score 0). */
  vetoes: { id: string; text: string }[];
}

export interface TaskMark {
  scores: { criterionId: string; score: number }[];
  /** Ids of the veto items the examiner observed. */
  vetoes: string[];
  comment?: string;
}

export type MarkIssue =
  | { code: 'MARK.CRITERION_MISSING'; criterionId: string }
  | { code: 'MARK.CRITERION_UNKNOWN'; criterionId: string }
  | { code: 'MARK.CRITERION_TWICE'; criterionId: string }
  | { code: 'MARK.SCORE_OUT_OF_RANGE'; criterionId: string; score: number; max: number }
  | { code: 'MARK.VETO_UNKNOWN'; vetoId: string };

/** Every problem of a mark against its rubric (all of them at once, so the examiner fixes them in one go). */
export function checkMark(rubric: Rubric, mark: TaskMark): MarkIssue[] {
  const issues: MarkIssue[] = [];
  const byId = new Map(rubric.criteria.map((c) => [c.id, c]));
  const seen = new Set<string>();
  for (const s of mark.scores) {
    const c = byId.get(s.criterionId);
    if (!c) {
      issues.push({ code: 'MARK.CRITERION_UNKNOWN', criterionId: s.criterionId });
      continue;
    }
    if (seen.has(s.criterionId)) issues.push({ code: 'MARK.CRITERION_TWICE', criterionId: s.criterionId });
    seen.add(s.criterionId);
    // Half points are common on paper rubrics; anything finer is a typing error.
    if (!Number.isFinite(s.score) || s.score < 0 || s.score > c.points || Math.round(s.score * 2) !== s.score * 2) {
      issues.push({ code: 'MARK.SCORE_OUT_OF_RANGE', criterionId: s.criterionId, score: s.score, max: c.points });
    }
  }
  for (const c of rubric.criteria) if (!seen.has(c.id)) issues.push({ code: 'MARK.CRITERION_MISSING', criterionId: c.id });
  const vetoIds = new Set(rubric.vetoes.map((v) => v.id));
  for (const v of mark.vetoes) if (!vetoIds.has(v)) issues.push({ code: 'MARK.VETO_UNKNOWN', vetoId: v });
  return issues;
}

/** The task's score from a valid mark: the criteria's sum, or 0 when a veto item was observed. */
export function taskScore(mark: TaskMark): number {
  if (mark.vetoes.length > 0) return 0;
  return round2(mark.scores.reduce((sum, s) => sum + s.score, 0));
}

export type Agreement =
  | { status: 'waiting'; received: number; required: number }
  | { status: 'agreed'; score: number; spread: number }
  | { status: 'disputed'; spread: number; threshold: number }
  | { status: 'decided'; score: number; spread: number; by: 'chief' };

/**
 * Several examiners' scores of one candidate's task (or part): waiting until `required` marks are in; then their mean
 * when the spread (max − min) is within the threshold, else disputed until the chief examiner decides.
 */
export function agreement(scores: number[], required: number, threshold: number, chiefDecision: number | null = null): Agreement {
  if (scores.length < required) return { status: 'waiting', received: scores.length, required };
  const spread = round2(Math.max(...scores) - Math.min(...scores));
  if (chiefDecision !== null) return { status: 'decided', score: round2(chiefDecision), spread, by: 'chief' };
  if (spread > threshold) return { status: 'disputed', spread, threshold };
  return { status: 'agreed', score: round2(scores.reduce((a, b) => a + b, 0) / scores.length), spread };
}

/**
 * R9 / blind marking: an examiner marks a candidate only when drawn for that candidate's group; the chief examiner
 * only decides disputes. Returns why not, or null.
 */
export function mayMark(examinerId: string, drawn: readonly string[]): 'MARK.NOT_DRAWN' | null {
  return drawn.includes(examinerId) ? null : 'MARK.NOT_DRAWN';
}

/** What an examiner sees of a candidate while marking blind: the exam number and the work, never the name or others' marks. */
export interface BlindCopy {
  examNumber: string;
  itemId: string;
  response: unknown;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The bank's rubric (criteria and vetoes without ids) with the ids marks use: `c0, c1…` and `v0, v1…`, by position. */
export function rubricWithIds(bank: { criteria?: { text: string; points: number }[]; vetoes?: string[] } | null | undefined): Rubric {
  return {
    criteria: (bank?.criteria ?? []).map((c, k) => ({ id: `c${k}`, text: c.text, points: c.points })),
    vetoes: (bank?.vetoes ?? []).map((text, k) => ({ id: `v${k}`, text })),
  };
}

/**
 * R9 ratios: how many examiners mark each candidate's item — the profile's number (practicalMarkersPerCandidate),
 * never fewer than 2, and never more than the examiners the group has (a group of 1 cannot be marked twice).
 */
export function markersRequired(profileMarkers: number, groupExaminers: number): number {
  return Math.max(1, Math.min(Math.max(2, Math.floor(profileMarkers)), groupExaminers));
}

/** The profile's disagreement threshold is in points of a 100-point part; on an item it scales to the item's points. */
export function itemThreshold(thresholdPer100: number, itemPoints: number): number {
  return round2((thresholdPer100 * itemPoints) / 100);
}

/** A part's score out of 100 from the points earned on a paper of `paperTotal` points (scaled when the total is not 100). */
export function partScore(earned: number, paperTotal: number): number {
  if (paperTotal <= 0) return 0;
  return round2(paperTotal === 100 ? earned : (earned * 100) / paperTotal);
}

/**
 * R9 / re-mark (复核): a re-mark is done by a different examiner — never one who marked the item first or decided it.
 */
export function mayRemark(examinerId: string, markedOrDecidedBy: readonly string[]): 'MARK.REMARK_SAME_EXAMINER' | null {
  return markedOrDecidedBy.includes(examinerId) ? 'MARK.REMARK_SAME_EXAMINER' : null;
}

/** The chief examiner's (or a re-mark's) score must lie within the item's points, in half points. */
export function checkDecisionScore(score: number, points: number): boolean {
  return Number.isFinite(score) && score >= 0 && score <= points && Math.round(score * 2) === score * 2;
}

/** The item's final score: a re-mark replaces everything, then the chief's decision, then the agreed mean; null while open. */
export function finalScore(a: Agreement, remark: number | null): number | null {
  if (remark !== null) return round2(remark);
  return a.status === 'agreed' || a.status === 'decided' ? a.score : null;
}

/**
 * R9 / 综合评审 (二级/一级): the review is scored by a panel of at least `min` members, an odd number when the profile
 * says so; every member scores. Returns the number of marks required, or why the panel cannot mark.
 */
export function panelRequired(panelSize: number, min: number, odd: boolean): number | 'MARK.PANEL_INVALID' {
  if (panelSize < Math.max(3, min) || (odd && panelSize % 2 === 0)) return 'MARK.PANEL_INVALID';
  return panelSize;
}
