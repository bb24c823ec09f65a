import type { MarkProgress, RoomCandidateStatus, RoomCounts, WorkloadRow } from '@skillcert/shared/api/supervision';
import { agreement } from '../marking/marking.rules.ts';

/**
 * Pure rules of supervision (督导): which plans may be supervised and flagged, which candidates a flag holds, what a
 * report photo may be, the live counts of a room and of marking, and R15 — the assessor workload per 学期 (term).
 */

// --- when ----------------------------------------------------------------------------------------

/** A supervisor reports and flags from acknowledgement (the plan is known) until the plan closes. */
const SUPERVISED = new Set(['acknowledged', 'in_progress', 'marking', 'publicity']);
export function maySupervise(planStatus: string): boolean {
  return SUPERVISED.has(planStatus);
}

// --- flags ---------------------------------------------------------------------------------------

export interface FlagFact {
  id: string;
  status: string;
  reason: string;
  enrolmentId: string | null;
  sittingId: string | null;
}

export interface OpenFlag {
  flagId: string;
  kind: 'candidate' | 'room';
  reason: string;
}

/**
 * Which candidates' clearance open flags hold: a candidate flag holds that candidate; a room flag holds every candidate
 * seated in that sitting (`seats`: sitting id → enrolment ids). Resolved flags hold no one.
 */
export function heldCandidates(flags: readonly FlagFact[], seats: ReadonlyMap<string, readonly string[]>): Map<string, OpenFlag[]> {
  const out = new Map<string, OpenFlag[]>();
  const add = (enrolmentId: string, f: OpenFlag) => out.set(enrolmentId, [...(out.get(enrolmentId) ?? []), f]);
  for (const f of flags) {
    if (f.status !== 'open') continue;
    if (f.enrolmentId) add(f.enrolmentId, { flagId: f.id, kind: 'candidate', reason: f.reason });
    else if (f.sittingId) for (const e of seats.get(f.sittingId) ?? []) add(e, { flagId: f.id, kind: 'room', reason: f.reason });
  }
  return out;
}

// --- report photos -------------------------------------------------------------------------------

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** JPEG or PNG by the file's first bytes (the declared type is not trusted). */
export function imageKind(head: Uint8Array): 'jpeg' | 'png' | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (head.length >= 8 && png.every((b, i) => head[i] === b)) return 'png';
  return null;
}

export type PhotoIssue = 'not_image' | 'too_large';
export function checkPhoto(p: { size: number; head: Uint8Array }): PhotoIssue | null {
  if (imageKind(p.head) === null) return 'not_image';
  if (p.size > MAX_PHOTO_BYTES) return 'too_large';
  return null;
}

// --- the live room -------------------------------------------------------------------------------

export function roomCounts(statuses: readonly RoomCandidateStatus[]): RoomCounts {
  const c: RoomCounts = { seated: statuses.length, notPrepared: 0, prepared: 0, signedIn: 0, writing: 0, submitted: 0, absent: 0 };
  for (const s of statuses) {
    if (s === 'not_prepared') c.notPrepared++;
    else if (s === 'prepared') c.prepared++;
    else if (s === 'signed_in') c.signedIn++;
    else if (s === 'writing') c.writing++;
    else if (s === 'submitted') c.submitted++;
    else c.absent++;
  }
  return c;
}

/** An attempt's stored status as the room shows it; anything unknown reads as prepared (a copy exists). */
export function attemptStatus(stored: string | null | undefined): RoomCandidateStatus {
  if (stored === undefined || stored === null) return 'not_prepared';
  if (stored === 'signed_in' || stored === 'writing' || stored === 'submitted' || stored === 'absent') return stored;
  return 'prepared';
}

// --- marking progress ----------------------------------------------------------------------------

export interface MarkFact {
  enrolmentId: string;
  itemId: string;
  total: number;
}

/**
 * Marking progress of one part: every (candidate, marked item) pair expected is waiting until the required number of
 * first-round marks are in, then agreed (spread within the threshold), disputed, or decided by the chief examiner.
 */
export function markProgress(
  part: { partId: string; partKind: string },
  expected: readonly { enrolmentId: string; itemId: string }[],
  marks: readonly MarkFact[],
  decisions: ReadonlyMap<string, number>,
  required: number,
  threshold: number,
): MarkProgress {
  const key = (e: string, i: string) => `${e}|${i}`;
  const scores = new Map<string, number[]>();
  for (const m of marks) scores.set(key(m.enrolmentId, m.itemId), [...(scores.get(key(m.enrolmentId, m.itemId)) ?? []), m.total]);
  const out: MarkProgress = { ...part, expected: expected.length, marks: marks.length, waiting: 0, agreed: 0, disputed: 0, decided: 0 };
  for (const x of expected) {
    const k = key(x.enrolmentId, x.itemId);
    const a = agreement(scores.get(k) ?? [], required, threshold, decisions.get(k) ?? null);
    out[a.status]++;
  }
  return out;
}

// --- R15: assessor workload per term -------------------------------------------------------------

/** 学期: the autumn term runs September to January (`YYYY-1`, YYYY the year it starts), the spring term February to August (`YYYY-2`). */
export function termOf(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (month >= 9) return `${year}-1`;
  if (month === 1) return `${year - 1}-1`;
  return `${year - 1}-2`;
}

/** First and last day (inclusive, YYYY-MM-DD) of a term. */
export function termRange(term: string): { from: string; to: string } {
  const year = Number(term.slice(0, 4));
  if (term.endsWith('-1')) return { from: `${year}-09-01`, to: `${year + 1}-01-31` };
  const next = year + 1;
  return { from: `${next}-02-01`, to: `${next}-08-31` };
}

export function termLabel(term: string, locale: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  const year = Number(term.slice(0, 4));
  const first = term.endsWith('-1');
  return locale === 'en-US'
    ? `${year}–${year + 1} academic year, ${first ? 'autumn term (Sep–Jan)' : 'spring term (Feb–Aug)'}`
    : `${year}–${year + 1}学年第${first ? '一' : '二'}学期`;
}

/** Hours of a sitting from its start and end times (HH:MM, same day), to the hundredth; 0 when the end is not after the start. */
export function sittingHours(startTime: string, endTime: string): number {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const d = minutes(endTime) - minutes(startTime);
  return d > 0 ? Math.round((d / 60) * 100) / 100 : 0;
}

/**
 * One assessor's sittings in the term that ran at the same times, counted where the staff rows are (a province's term
 * holds tens of thousands): `invigilated` / `examined` distinct sittings in that role, `sittings` distinct sittings in
 * either (each sitting's hours count once).
 */
export interface StaffCount {
  certificateNo: string;
  name: string;
  startTime: string;
  endTime: string;
  invigilated: number;
  examined: number;
  sittings: number;
}

/** One examiner's marking in the term, counted where the marks are (a term's marks run to the hundreds of thousands). */
export interface MarkedCount {
  certificateNo: string;
  /** Distinct candidate × part marked. */
  candidates: number;
  /** Mark rows (every round). */
  tasks: number;
}

/**
 * R15: each assessor's workload in a term, by 考评员 certificate number — sittings invigilated, sittings examined (examiner,
 * chief examiner, 综合评审 panel), hours (the durations of those sittings, each sitting once), candidates marked
 * (distinct candidate × part), tasks marked (mark rows), chief-examiner decisions. Sorted by certificate number.
 */
export function workloadRows(
  staff: readonly StaffCount[],
  marked: readonly MarkedCount[],
  decisions: readonly { certificateNo: string }[],
  accounts: ReadonlyMap<string, string>,
): WorkloadRow[] {
  interface Acc {
    name: string;
    invigilated: number;
    examined: number;
    hours: number;
    candidates: number;
    tasks: number;
    decisions: number;
  }
  const by = new Map<string, Acc>();
  const acc = (certificateNo: string, name = '') => {
    let a = by.get(certificateNo);
    if (!a) {
      a = { name, invigilated: 0, examined: 0, hours: 0, candidates: 0, tasks: 0, decisions: 0 };
      by.set(certificateNo, a);
    }
    if (!a.name && name) a.name = name;
    return a;
  };
  for (const s of staff) {
    const a = acc(s.certificateNo, s.name);
    a.invigilated += s.invigilated;
    a.examined += s.examined;
    a.hours += sittingHours(s.startTime, s.endTime) * s.sittings;
  }
  for (const m of marked) {
    const a = acc(m.certificateNo);
    a.candidates += m.candidates;
    a.tasks += m.tasks;
  }
  for (const d of decisions) acc(d.certificateNo).decisions++;
  return [...by.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([certificateNo, a]) => ({
      certificateNo,
      name: a.name,
      username: accounts.get(certificateNo) ?? null,
      sittingsInvigilated: a.invigilated,
      sittingsExamined: a.examined,
      hours: Math.round(a.hours * 100) / 100,
      candidatesMarked: a.candidates,
      tasksMarked: a.tasks,
      decisions: a.decisions,
    }));
}
