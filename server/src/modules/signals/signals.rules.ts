/**
 * Anomaly signals (异常预警, issue 15 item 4; R14 "investigate problems and accept supervision"). Pure detectors over
 * rows the repository reads: each returns the signals that fire WITH their evidence — the numbers, who, the threshold —
 * never a bare score. Thresholds are arguments (defaults below) so a bureau's profile can set them.
 */

export interface Detected {
  kind: SignalKind;
  /** What it is about, stable across runs (a run stores each signal once). */
  key: string;
  institutionId: string | null;
  planId: string | null;
  evidence: Record<string, unknown>;
}
export type SignalKind = 'pass_rate' | 'shared_wrong_answers' | 'examiner_deviation' | 'exam_events' | 'lead_time';

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

// --- 1. pass rates far above the occupation's norm ----------------------------------------------------------------

export interface PassRow {
  institutionId: string;
  occupation: string;
  level: number | null;
  candidates: number;
  passed: number;
}
export const PASS_RATE = { minCandidates: 10, marginAbove: 0.25, minPeers: 1 };

/**
 * An institution's pass rate for one occupation and level at least `marginAbove` (absolute) above the pooled rate of
 * the other institutions for the same occupation and level, with enough candidates on both sides.
 */
export function passRateOutliers(rows: readonly PassRow[], t = PASS_RATE): Detected[] {
  const out: Detected[] = [];
  for (const r of rows) {
    if (r.candidates < t.minCandidates) continue;
    const peers = rows.filter((p) => p !== r && p.occupation === r.occupation && p.level === r.level && p.institutionId !== r.institutionId);
    const peerCandidates = peers.reduce((s, p) => s + p.candidates, 0);
    if (peers.length < t.minPeers || peerCandidates < t.minCandidates) continue;
    const norm = peers.reduce((s, p) => s + p.passed, 0) / peerCandidates;
    const rate = r.passed / r.candidates;
    if (rate - norm >= t.marginAbove) {
      out.push({
        kind: 'pass_rate',
        key: `${r.institutionId}|${r.occupation}|${r.level ?? ''}`,
        institutionId: r.institutionId,
        planId: null,
        evidence: {
          occupation: r.occupation,
          level: r.level,
          candidates: r.candidates,
          passed: r.passed,
          rate: round(rate),
          norm: round(norm),
          peerInstitutions: peers.length,
          peerCandidates,
          threshold: { marginAbove: t.marginAbove, minCandidates: t.minCandidates },
        },
      });
    }
  }
  return out;
}

// --- 2. near-identical answer patterns: shared rare wrong answers in one sitting -------------------------------------

export interface AnswerRow {
  candidate: string;
  itemId: string;
  /** The response in the BANK's option keys (the copy's shuffle undone, see bankResponse), canonical text (JSON). */
  response: string;
  correct: boolean;
}
export const SHARED_WRONG = { rareShare: 0.2, minShared: 3 };

/** One item of a candidate's copy as stored on the attempt: its type and the bank keys in the order shown. */
export interface CopyItemKeys {
  type: string;
  optionOrder: readonly string[];
}

/**
 * A stored answer in the bank's own option keys, as canonical text (sorted keys, JSON), or null when it is blank or not a
 * choice. Each candidate sees the options of a choice item shuffled and relabelled A, B, C … (the exams module's copy):
 * shown label i is optionOrder[i]; 判断 keys are not shuffled. So two candidates who chose the same bank option compare
 * equal whatever letters they saw — and the same letter on two copies is usually NOT the same option.
 */
export function bankResponse(item: CopyItemKeys, response: unknown): string | null {
  if (typeof response !== 'object' || response === null || !('keys' in response) || !Array.isArray(response.keys)) return null;
  const keys: unknown[] = response.keys;
  if (!keys.length || keys.some((k) => typeof k !== 'string')) return null;
  const shuffled = item.type === 'single' || item.type === 'multiple';
  const mapped = (keys as string[]).map((k) => (shuffled ? item.optionOrder[k.charCodeAt(0) - 65] : item.optionOrder.includes(k) ? k : undefined));
  if (mapped.some((k) => k === undefined) || (shuffled && (keys as string[]).some((k) => k.length !== 1))) return null;
  return JSON.stringify((mapped as string[]).sort());
}

/**
 * Two candidates of one sitting who give the same WRONG answer on at least `minShared` items where that wrong answer is
 * rare (chosen by at most `rareShare` of the sitting's candidates answering the item, or by no one but the two — in a
 * small sitting of 8 a pair is already a quarter) — the classic copying pattern. The evidence names both candidates, each shared wrong answer (item, the bank keys, how many chose it of how many
 * answered) and the thresholds.
 */
export function sharedRareWrongAnswers(sittingId: string, planId: string, institutionId: string, rows: readonly AnswerRow[], t = SHARED_WRONG): Detected[] {
  const byItem = new Map<string, AnswerRow[]>();
  for (const r of rows) byItem.set(r.itemId, [...(byItem.get(r.itemId) ?? []), r]);
  const shared = new Map<string, { itemId: string; answer: unknown; chosenBy: number; answered: number }[]>();
  for (const [itemId, answers] of byItem) {
    const counts = new Map<string, string[]>();
    for (const a of answers) if (!a.correct) counts.set(a.response, [...(counts.get(a.response) ?? []), a.candidate]);
    for (const [response, who] of counts) {
      if (who.length < 2 || who.length > Math.max(2, t.rareShare * answers.length)) continue;
      const sorted = [...who].sort();
      for (let i = 0; i < sorted.length; i++)
        for (let j = i + 1; j < sorted.length; j++) {
          const pair = `${sorted[i]}|${sorted[j]}`;
          shared.set(pair, [...(shared.get(pair) ?? []), { itemId, answer: JSON.parse(response), chosenBy: who.length, answered: answers.length }]);
        }
    }
  }
  const out: Detected[] = [];
  for (const [pair, wrong] of [...shared].sort(([a], [b]) => a.localeCompare(b))) {
    if (wrong.length < t.minShared) continue;
    out.push({
      kind: 'shared_wrong_answers',
      key: `${sittingId}|${pair}`,
      institutionId,
      planId,
      evidence: {
        sittingId,
        candidates: pair.split('|'),
        sharedRareWrong: wrong.length,
        itemIds: wrong.map((w) => w.itemId),
        sharedAnswers: wrong,
        candidatesInSitting: new Set(rows.map((r) => r.candidate)).size,
        threshold: t,
      },
    });
  }
  return out;
}

// --- 3. examiners whose marks differ systematically from their co-examiners ----------------------------------------

export interface MarkRow {
  examinerId: string;
  examinerName: string;
  /** What was marked (enrolment + item). */
  subject: string;
  total: number;
}
export const EXAMINER = { minShared: 5, meanDiff: 10 };

/** An examiner whose marks are on average at least `meanDiff` points above or below the co-examiners' mean on the same work. */
export function examinerDeviations(planId: string, institutionId: string, rows: readonly MarkRow[], t = EXAMINER): Detected[] {
  const bySubject = new Map<string, MarkRow[]>();
  for (const r of rows) bySubject.set(r.subject, [...(bySubject.get(r.subject) ?? []), r]);
  const diffs = new Map<string, { name: string; d: number[] }>();
  for (const marks of bySubject.values()) {
    if (marks.length < 2) continue;
    for (const m of marks) {
      const others = marks.filter((o) => o.examinerId !== m.examinerId);
      if (!others.length) continue;
      const mean = others.reduce((s, o) => s + o.total, 0) / others.length;
      const e = diffs.get(m.examinerId) ?? { name: m.examinerName, d: [] };
      e.d.push(m.total - mean);
      diffs.set(m.examinerId, e);
    }
  }
  const out: Detected[] = [];
  for (const [examinerId, { name, d }] of diffs) {
    if (d.length < t.minShared) continue;
    const mean = d.reduce((s, x) => s + x, 0) / d.length;
    if (Math.abs(mean) < t.meanDiff) continue;
    out.push({
      kind: 'examiner_deviation',
      key: `${planId}|${examinerId}`,
      institutionId,
      planId,
      evidence: { examinerId, examiner: name, sharedWorks: d.length, meanDifference: round(mean, 1), direction: mean > 0 ? 'higher' : 'lower', threshold: t },
    });
  }
  return out;
}

// --- 4. sittings with many tab switches, reconnects or takeovers ---------------------------------------------------

export interface SittingEvents {
  sittingId: string;
  planId: string;
  institutionId: string;
  attempts: number;
  /** Count per event kind (tab_hidden, focus_lost, reconnect, takeover, …). */
  counts: Record<string, number>;
}
export const EXAM_EVENTS = { perCandidate: 3, takeoverShare: 0.2, minAttempts: 5 };
const WATCHED = ['tab_hidden', 'focus_lost', 'reconnect', 'takeover'] as const;

/** A sitting whose tab switches + reconnects + takeovers per candidate, or whose share of takeovers, is over the threshold. */
export function heavyExamEvents(sittings: readonly SittingEvents[], t = EXAM_EVENTS): Detected[] {
  const out: Detected[] = [];
  for (const s of sittings) {
    if (s.attempts < t.minAttempts) continue;
    const watched = Object.fromEntries(WATCHED.map((k) => [k, s.counts[k] ?? 0]));
    const total = WATCHED.reduce((n, k) => n + (s.counts[k] ?? 0), 0);
    const perCandidate = total / s.attempts;
    const takeoverShare = (s.counts.takeover ?? 0) / s.attempts;
    if (perCandidate < t.perCandidate && takeoverShare < t.takeoverShare) continue;
    out.push({
      kind: 'exam_events',
      key: s.sittingId,
      institutionId: s.institutionId,
      planId: s.planId,
      evidence: {
        sittingId: s.sittingId,
        attempts: s.attempts,
        events: watched,
        perCandidate: round(perCandidate, 2),
        takeoverShare: round(takeoverShare),
        threshold: t,
      },
    });
  }
  return out;
}

// --- 5. plans run inside the lead time by change requests -----------------------------------------------------------

export interface ChangedPlan {
  planId: string;
  institutionId: string;
  changeId: string;
  /** Day the change was acknowledged (YYYY-MM-DD). */
  changedOn: string;
  /** First sitting day after the change. */
  firstSitting: string;
  leadDays: number;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A change request (变更) acknowledged fewer than the profile's lead days before the plan's first sitting. */
export function leadTimeByChange(rows: readonly ChangedPlan[]): Detected[] {
  return rows
    .filter((r) => daysBetween(r.changedOn, r.firstSitting) < r.leadDays)
    .map((r) => ({
      kind: 'lead_time' as const,
      key: r.changeId,
      institutionId: r.institutionId,
      planId: r.planId,
      evidence: {
        changeId: r.changeId,
        changedOn: r.changedOn,
        firstSitting: r.firstSitting,
        daysBefore: daysBetween(r.changedOn, r.firstSitting),
        threshold: { leadDays: r.leadDays },
      },
    }));
}
