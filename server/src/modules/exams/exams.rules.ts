/**
 * The theory exam's clock and doors (理论考试), as pure functions of the server's time. Nothing here trusts a browser's
 * clock: start, deadline and remaining time are computed from the sitting and the server's `now`.
 *
 * A sitting (场次) has a scheduled start and a duration; the doors open a little before it (so candidates can sign in,
 * 签到) and close `lateEntryMinutes` after it (迟到 cut-off, default 15). Everyone's deadline is the sitting's end —
 * a late candidate does not get extra minutes — plus any extra time staff granted that candidate (accommodation,
 * recorded with a reason). A dropped connection, a reload or a server restart does not stop the clock.
 */

export interface SittingClock {
  /** Scheduled start of the sitting. */
  startsAt: Date;
  durationMinutes: number;
  /** Entry closes this long after the start (plan part; default 15). */
  lateEntryMinutes: number;
  /** Submitting earlier than this after the start is refused (plan part; default 30). */
  minMinutesBeforeSubmit: number;
  /** Doors open this long before the start (sign-in). */
  openMinutesBefore: number;
}

export const DEFAULT_CLOCK = { lateEntryMinutes: 15, minMinutesBeforeSubmit: 30, openMinutesBefore: 30 } as const;

/** Answers already on their way when the deadline passes are still taken for this long (network latency, retries). */
export const ANSWER_GRACE_SECONDS = 30;

const MINUTE = 60_000;

export type ClockRefusal =
  | { code: 'EXAM.NOT_OPEN'; opensAt: Date }
  | { code: 'EXAM.ENTRY_CLOSED'; closedAt: Date }
  | { code: 'EXAM.TOO_EARLY_TO_SUBMIT'; allowedFrom: Date }
  | { code: 'EXAM.DEADLINE_PASSED'; deadline: Date };

/** Sittings are planned in China time (UTC+8, no daylight saving): a sitting's date and HH:MM as an instant. */
export function chinaTime(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** The date (YYYY-MM-DD) and time (HH:MM) in China of an instant — the inverse of chinaTime, for fixtures and the demo. */
export function chinaDateTime(at: Date): { date: string; time: string } {
  const iso = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

export function opensAt(c: SittingClock): Date {
  return new Date(c.startsAt.getTime() - c.openMinutesBefore * MINUTE);
}

export function entryClosesAt(c: SittingClock): Date {
  return new Date(c.startsAt.getTime() + c.lateEntryMinutes * MINUTE);
}

/** May a candidate who has not started yet enter now? (A candidate resuming an attempt is not "entering".) */
export function checkEntry(c: SittingClock, now: Date): ClockRefusal | null {
  if (now < opensAt(c)) return { code: 'EXAM.NOT_OPEN', opensAt: opensAt(c) };
  if (now > entryClosesAt(c)) return { code: 'EXAM.ENTRY_CLOSED', closedAt: entryClosesAt(c) };
  return null;
}

/** The candidate's deadline: the sitting's end plus the extra minutes granted to this candidate. */
export function deadline(c: SittingClock, extraMinutes = 0): Date {
  return new Date(c.startsAt.getTime() + (c.durationMinutes + extraMinutes) * MINUTE);
}

/** Whole seconds left, never negative; before the start the full time (the clock has not begun). */
export function remainingSeconds(c: SittingClock, now: Date, extraMinutes = 0): number {
  const end = deadline(c, extraMinutes).getTime();
  const from = Math.max(now.getTime(), c.startsAt.getTime());
  return Math.max(0, Math.floor((end - from) / 1000));
}

export function checkSubmit(c: SittingClock, now: Date): ClockRefusal | null {
  const allowedFrom = new Date(c.startsAt.getTime() + c.minMinutesBeforeSubmit * MINUTE);
  return now < allowedFrom ? { code: 'EXAM.TOO_EARLY_TO_SUBMIT', allowedFrom } : null;
}

/** An answer received at `now` counts if it arrives before the deadline (plus the grace for answers in flight). */
export function checkAnswer(c: SittingClock, now: Date, extraMinutes = 0): ClockRefusal | null {
  const end = deadline(c, extraMinutes);
  return now.getTime() > end.getTime() + ANSWER_GRACE_SECONDS * 1000 ? { code: 'EXAM.DEADLINE_PASSED', deadline: end } : null;
}

/** Should the server submit this attempt on the candidate's behalf (auto-submit at the deadline, browser or not)? */
export function isDue(c: SittingClock, now: Date, extraMinutes = 0): boolean {
  return now.getTime() > deadline(c, extraMinutes).getTime() + ANSWER_GRACE_SECONDS * 1000;
}

// --- Integrity (防作弊) -----------------------------------------------------------------------------------------

/** Events the browser and the server log per attempt. */
export const INTEGRITY_EVENTS = ['focus_lost', 'tab_hidden', 'paste', 'fullscreen_left', 'reconnect', 'address_changed', 'takeover', 'time_extended'] as const;
export type IntegrityEvent = (typeof INTEGRITY_EVENTS)[number];

/** The events that count as leaving the exam screen (切屏). */
export const SWITCH_EVENTS: readonly IntegrityEvent[] = ['focus_lost', 'tab_hidden', 'fullscreen_left'];

export interface SwitchPolicy {
  /** Warn on each switch; at this count the limit is reached. Null: no limit. */
  limit: number | null;
  /** Submit automatically when the limit is reached (off by default). */
  autoSubmitAtLimit: boolean;
}

export type SwitchVerdict = { action: 'none' } | { action: 'warn'; count: number; limit: number | null } | { action: 'submit'; count: number; limit: number };

/** What happens after the `count`-th switch of an attempt. */
export function afterSwitch(count: number, policy: SwitchPolicy): SwitchVerdict {
  if (count <= 0) return { action: 'none' };
  if (policy.limit !== null && count >= policy.limit && policy.autoSubmitAtLimit) return { action: 'submit', count, limit: policy.limit };
  return { action: 'warn', count, limit: policy.limit };
}

// --- One active attempt ------------------------------------------------------------------------------------------

/**
 * A second browser for the same attempt takes over only after the invigilator allows it; until then it is refused and
 * the first device keeps writing. The allowance is single-use and expires.
 */
export function mayTakeOver(
  attempt: { deviceId: string },
  requestDeviceId: string,
  allowance: { expiresAt: Date; used: boolean } | null,
  now: Date,
): 'same_device' | 'allowed' | 'needs_invigilator' {
  if (attempt.deviceId === requestDeviceId) return 'same_device';
  if (allowance && !allowance.used && now <= allowance.expiresAt) return 'allowed';
  return 'needs_invigilator';
}

// --- Allowed addresses -------------------------------------------------------------------------------------------

/** Is an IPv4/IPv6 address inside any of the sitting's allowed CIDR ranges? An empty list allows every address. */
export function addressAllowed(address: string, cidrs: readonly string[]): boolean {
  if (cidrs.length === 0) return true;
  const ip = parseIp(address);
  if (!ip) return false;
  return cidrs.some((cidr) => {
    const [base = '', bitsText] = cidr.split('/');
    const net = parseIp(base);
    if (!net || net.length !== ip.length) return false;
    const bits = bitsText === undefined ? net.length * 8 : Number(bitsText);
    if (!Number.isInteger(bits) || bits < 0 || bits > net.length * 8) return false;
    for (let i = 0; i < bits; i += 1) {
      const byte = Math.floor(i / 8);
      const mask = 0x80 >> (i % 8);
      if (((ip[byte] ?? 0) & mask) !== ((net[byte] ?? 0) & mask)) return false;
    }
    return true;
  });
}

/** Bytes of an IPv4 or IPv6 address (IPv4-mapped IPv6 `::ffff:a.b.c.d` reads as IPv4), or null. */
export function parseIp(text: string): number[] | null {
  const s = text.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (mapped?.[1]) return parseIp(mapped[1]);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(s)) {
    const parts = s.split('.').map(Number);
    return parts.every((n) => n >= 0 && n <= 255) ? parts : null;
  }
  if (!/^[0-9a-f:]+$/.test(s) || !s.includes(':')) return null;
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((g) => g.length === 0 || g.length > 4)) return null;
  return all.flatMap((g) => {
    const n = Number.parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

// --- Answers and objective marking (客观题评分) --------------------------------------------------------------------

/** What the candidate answers with: the chosen option keys (as shown to them) or a 简答 text. */
export type Response = { keys: string[] } | { text: string };

/** One item of the candidate's copy as the checks see it: its type and the option keys shown to the candidate. */
export interface CopyItemShape {
  type: string;
  /** Keys the candidate may choose, in the shown order (A, B, … for choice items; "true"/"false" for 判断). */
  shownKeys: readonly string[];
}

export type ResponseProblem = 'wrong_kind' | 'unknown_key' | 'repeated_key' | 'too_many_keys';

/** Does the answer fit the item? Single and 判断: at most one key (none clears it); multiple: distinct keys; 简答: text. */
export function checkResponse(item: CopyItemShape, response: Response): ResponseProblem | null {
  if (item.type === 'subjective') return 'text' in response ? null : 'wrong_kind';
  if (!('keys' in response)) return 'wrong_kind';
  const keys = response.keys;
  if (new Set(keys).size !== keys.length) return 'repeated_key';
  if (keys.some((k) => !item.shownKeys.includes(k))) return 'unknown_key';
  if ((item.type === 'single' || item.type === 'judge') && keys.length > 1) return 'too_many_keys';
  return null;
}

/**
 * The score of an objective item. The answer key is in the bank's own keys; the candidate's keys are the shown ones,
 * mapped back through `originalKeys` (the stored key of the option shown at each position). Single, 判断 and multiple
 * choice are all marked exact: a multiple-choice answer scores only when it names every right option and no other
 * (多选、少选、错选均不得分 — no partial credit, the usual rule of 职业技能等级认定 theory papers).
 */
export function scoreObjective(
  item: { type: string; points: number; answer: readonly string[]; shownKeys: readonly string[]; originalKeys: readonly string[] },
  response: Response | null,
): number {
  if (!response || !('keys' in response) || response.keys.length === 0) return 0;
  const chosen = response.keys.map((k) => {
    const i = item.shownKeys.indexOf(k);
    return i < 0 ? undefined : item.originalKeys[i];
  });
  if (chosen.some((k) => k === undefined)) return 0;
  const right = new Set(item.answer);
  const given = new Set(chosen as string[]);
  return right.size === given.size && [...given].every((k) => right.has(k)) ? item.points : 0;
}

/** A theory part's score out of 100 from the objective score (scaled when the paper's total is not 100), to 0.1. */
export function scaleTo100(score: number, max: number): number {
  if (max <= 0) return 0;
  return Math.round((score / max) * 1000) / 10;
}

/** The sitting's clock from its plan rows (date + HH:MM in China time, the part's duration and limits). */
export function clockOf(s: {
  date: string;
  startTime: string;
  durationMinutes: number;
  lateEntryMinutes: number;
  minMinutesBeforeSubmit: number;
}): SittingClock {
  return {
    startsAt: chinaTime(s.date, s.startTime),
    durationMinutes: s.durationMinutes,
    lateEntryMinutes: s.lateEntryMinutes,
    minMinutesBeforeSubmit: s.minMinutesBeforeSubmit,
    openMinutesBefore: DEFAULT_CLOCK.openMinutesBefore,
  };
}
