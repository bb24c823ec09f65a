/**
 * Results of an evaluation (认定结果) and their publicity (公示). Pure functions.
 *
 * Pass = every required part at or above its pass mark (profile; 60 of 100 by national practice). Theory may be
 * replaced by the course comprehensive exam score (课证融通, R6, Fujian: "理论考试成绩可通过本专业(科目)结课综合考试成绩
 * 替代") — only where the plan declared it. Process assessment (过程考核, R6 Shanghai) weighs its components.
 */

export type PartKind = 'theory' | 'practical' | 'process' | 'review';

export interface PartOutcome {
  kind: PartKind;
  passMark: number;
  /** Null: no score yet (absent, not marked). */
  score: number | null;
  /** The theory score came from the course exam (R6). */
  substituted?: boolean;
  /** 缺考 */
  absent?: boolean;
}

export type PartReason =
  | { kind: PartKind; verdict: 'passed'; score: number; passMark: number; substituted: boolean }
  | { kind: PartKind; verdict: 'failed'; score: number; passMark: number; substituted: boolean }
  | { kind: PartKind; verdict: 'absent' }
  | { kind: PartKind; verdict: 'pending' };

export interface CandidateResult {
  /** 'pending' while any part has no score yet and none has failed. */
  outcome: 'passed' | 'failed' | 'pending';
  parts: PartReason[];
}

/** Each part against its pass mark; the reason per part says which part and what score. */
export function candidateResult(parts: PartOutcome[]): CandidateResult {
  const reasons: PartReason[] = parts.map((p) => {
    if (p.absent) return { kind: p.kind, verdict: 'absent' };
    if (p.score === null) return { kind: p.kind, verdict: 'pending' };
    const substituted = p.substituted === true;
    return p.score >= p.passMark
      ? { kind: p.kind, verdict: 'passed', score: p.score, passMark: p.passMark, substituted }
      : { kind: p.kind, verdict: 'failed', score: p.score, passMark: p.passMark, substituted };
  });
  const failed = reasons.some((r) => r.verdict === 'failed' || r.verdict === 'absent');
  const pending = reasons.some((r) => r.verdict === 'pending');
  return { outcome: failed ? 'failed' : pending || reasons.length === 0 ? 'pending' : 'passed', parts: reasons };
}

/** R6: course scores may stand in for the theory exam only in a plan that declared it. */
export function mayRecordCourseScores(plan: { courseExamReplacesTheory: boolean }): { rule: 'R6'; code: 'RESULT.SUBSTITUTION_NOT_DECLARED' } | null {
  return plan.courseExamReplacesTheory ? null : { rule: 'R6', code: 'RESULT.SUBSTITUTION_NOT_DECLARED' };
}

export interface ProcessComponent {
  name: string;
  /** Share of the process score, in percent; the components add up to 100. */
  weight: number;
  score: number | null;
}

/** 过程考核: the weighted score of the components (each out of 100), or null while any is missing. */
export function processScore(components: ProcessComponent[]): number | null {
  const weights = components.reduce((s, c) => s + c.weight, 0);
  if (components.length === 0 || Math.abs(weights - 100) > 1e-9) throw new RangeError(`process weights add up to ${weights}, not 100`);
  if (components.some((c) => c.score === null)) return null;
  return Math.round(components.reduce((s, c) => s + (c.weight * (c.score ?? 0)) / 100, 0) * 100) / 100;
}

// --- Publicity (公示) ----------------------------------------------------------------------------------------------

export type ClearanceBlock = 'objection_open' | 'flag_open' | 'not_passed' | 'publicity_running';

/**
 * When publicity has closed, who is cleared for a certificate: a passing candidate with no open objection (异议) and no
 * open supervisor flag. An open objection blocks that candidate only.
 */
export function clearance(
  candidate: { outcome: CandidateResult['outcome']; openObjections: number; openFlags: number },
  publicityClosesAt: Date,
  now: Date,
): { cleared: true } | { cleared: false; blocks: ClearanceBlock[] } {
  const blocks: ClearanceBlock[] = [];
  if (now <= publicityClosesAt) blocks.push('publicity_running');
  if (candidate.outcome !== 'passed') blocks.push('not_passed');
  if (candidate.openObjections > 0) blocks.push('objection_open');
  if (candidate.openFlags > 0) blocks.push('flag_open');
  return blocks.length === 0 ? { cleared: true } : { cleared: false, blocks };
}

/** An objection (异议) may be lodged only while publicity runs. */
export function mayObject(publicity: { opensAt: Date; closesAt: Date }, now: Date): 'PUBLICITY.NOT_OPEN' | 'PUBLICITY.CLOSED' | null {
  if (now < publicity.opensAt) return 'PUBLICITY.NOT_OPEN';
  if (now > publicity.closesAt) return 'PUBLICITY.CLOSED';
  return null;
}
