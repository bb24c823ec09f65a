import type { SanctionKind } from '@skillcert/shared/api/sanctions';

/**
 * Violations and sanctions (监管, R14 "accept supervision"; R4 sees the record). Pure rules: which sanction may be
 * imposed, lifted, appealed or closed, and — the one test every operating path calls — may this institution (and this
 * scope line) operate now.
 */

export type OperateRefusalCode = 'SANCTION.INSTITUTION_SUSPENDED' | 'SANCTION.INSTITUTION_REVOKED' | 'SANCTION.LINE_SUSPENDED';
export interface OperateRefusal {
  rule: 'R14';
  code: OperateRefusalCode;
}

export interface OperatingInstitution {
  status: string;
  /** The last day (YYYY-MM-DD) of the suspension in force on the whole institution, when it was set for a period. */
  suspendedUntil?: string | null;
}
export interface OperatingLine {
  suspendedAt: Date | null;
  /** The last day (YYYY-MM-DD) of the line's suspension, when it was set for a period. */
  suspendedUntil?: string | null;
}

/** The calendar day (YYYY-MM-DD) of an instant in China (UTC+8, no daylight saving): the day a suspension's `until` names. */
export const chinaDay = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** A suspension set "until a day" ends by itself once that day has passed (the day itself is still suspended). */
export const periodOver = (until: string | null | undefined, at: Date): boolean => !!until && until < chinaDay(at);

/** When a suspension set until `until` ended by itself: 00:00 China time of the next day. */
export const endOfPeriod = (until: string): string => new Date(Date.parse(`${until}T00:00:00+08:00`) + 86_400_000).toISOString();

/**
 * Is this sanction in force at `at`? Recorded in force and, for a suspension with an end date, not past that date.
 * Everything that shows or counts sanctions in force goes through it.
 */
export const sanctionInForce = (s: { status: string; until: string | null }, at: Date): boolean => s.status === 'in_force' && !periodOver(s.until, at);

/**
 * R14: a suspended institution, or a suspended scope line, may not submit plans, start sittings or issue certificates;
 * a revoked (or expired) listing neither. `line` is the plan's scope line when one applies (null: the whole institution
 * only). `at` is when the act happens: a line suspended after it (a later sanction) does not reach back. A suspension
 * set until a day ends by itself after that day (China time), without anyone lifting it.
 */
export function institutionMayOperate(inst: OperatingInstitution, line: OperatingLine | null, at: Date): OperateRefusal | null {
  const status = standingStatus(inst, at);
  if (status === 'suspended') return { rule: 'R14', code: 'SANCTION.INSTITUTION_SUSPENDED' };
  if (status !== 'listed') return { rule: 'R14', code: 'SANCTION.INSTITUTION_REVOKED' };
  if (line && lineSuspended(line, at)) return { rule: 'R14', code: 'SANCTION.LINE_SUSPENDED' };
  return null;
}

/**
 * R14: the institution's status as it stands at `at` — a suspension set until a day reads as listed once that day
 * has passed (China time). Every module that shows or tests an institution's status reads it through this.
 */
export const standingStatus = (inst: OperatingInstitution, at: Date): string =>
  inst.status === 'suspended' && periodOver(inst.suspendedUntil, at) ? 'listed' : inst.status;

/** R14: is this scope line suspended at `at`? Suspended no later than `at` and, for a period, not past its last day. */
export const lineSuspended = (line: OperatingLine, at: Date): boolean =>
  line.suspendedAt !== null && line.suspendedAt <= at && !periodOver(line.suspendedUntil, at);

export interface SanctionFacts {
  kind: SanctionKind;
  institutionStatus: string;
  /** suspend_line: the line exists in this institution's scope. */
  lineInScope: boolean;
  /** Sanctions in force on the institution: their kind and line. */
  inForce: readonly { kind: SanctionKind; scopeLineId: string | null }[];
  scopeLineId: string | null;
  until: string | null;
  today: string;
  violationStatus: string;
}

export type SanctionRefusal =
  | { status: 409; code: 'SANCTION.ALREADY_IN_FORCE' | 'SANCTION.VIOLATION_NOT_OPEN' | 'SANCTION.INSTITUTION_REVOKED'; rule: 'R14' }
  | { status: 422; code: 'SANCTION.LINE_NOT_IN_SCOPE' | 'SANCTION.UNTIL_PAST'; rule: 'R14' };

/**
 * May HR impose this sanction now? One open suspension per line and per institution (a second one on the same line is
 * a conflict, 409); a revoked listing takes no further sanction but a certificate revocation; a period ends today or
 * later.
 */
export function checkSanction(f: SanctionFacts): SanctionRefusal | null {
  if (f.violationStatus !== 'open') return { status: 409, code: 'SANCTION.VIOLATION_NOT_OPEN', rule: 'R14' };
  if (f.institutionStatus === 'revoked' && f.kind !== 'revoke_certificates') return { status: 409, code: 'SANCTION.INSTITUTION_REVOKED', rule: 'R14' };
  if (f.until !== null && f.until < f.today) return { status: 422, code: 'SANCTION.UNTIL_PAST', rule: 'R14' };
  if (f.kind === 'suspend_line') {
    if (!f.lineInScope) return { status: 422, code: 'SANCTION.LINE_NOT_IN_SCOPE', rule: 'R14' };
    if (f.inForce.some((s) => s.kind === 'suspend_line' && s.scopeLineId === f.scopeLineId))
      return { status: 409, code: 'SANCTION.ALREADY_IN_FORCE', rule: 'R14' };
  }
  if (f.kind === 'suspend_institution' && (f.institutionStatus === 'suspended' || f.inForce.some((s) => s.kind === 'suspend_institution')))
    return { status: 409, code: 'SANCTION.ALREADY_IN_FORCE', rule: 'R14' };
  return null;
}

/**
 * R14: a violation is recorded for what has happened — the day it occurred is today (China time) or before; a day still
 * to come is refused (a sanction acts at once on the rest of the system, so it may not rest on a future event).
 */
export function checkViolationDay(occurredOn: string, today: string): { status: 422; code: 'SANCTION.OCCURRED_IN_FUTURE'; rule: 'R14' } | null {
  return occurredOn > today ? { status: 422, code: 'SANCTION.OCCURRED_IN_FUTURE', rule: 'R14' } : null;
}

/** Only a suspension is lifted; a warning stands as recorded and a revocation is final. */
export const isLiftable = (kind: SanctionKind): boolean => kind === 'suspend_line' || kind === 'suspend_institution';

/** The institution appeals an open record, one appeal pending at a time. */
export function mayAppeal(violationStatus: string, pendingAppeal: boolean): 'SANCTION.VIOLATION_NOT_OPEN' | 'SANCTION.APPEAL_PENDING' | null {
  if (violationStatus !== 'open') return 'SANCTION.VIOLATION_NOT_OPEN';
  if (pendingAppeal) return 'SANCTION.APPEAL_PENDING';
  return null;
}

/** HR closes a record once no appeal is pending and no suspension is still in force (lift it first, with its reason). */
export function mayClose(
  violationStatus: string,
  pendingAppeal: boolean,
  inForce: readonly { kind: SanctionKind }[],
): 'SANCTION.VIOLATION_NOT_OPEN' | 'SANCTION.APPEAL_PENDING' | 'SANCTION.SUSPENSION_IN_FORCE' | null {
  if (violationStatus !== 'open') return 'SANCTION.VIOLATION_NOT_OPEN';
  if (pendingAppeal) return 'SANCTION.APPEAL_PENDING';
  if (inForce.some((s) => isLiftable(s.kind))) return 'SANCTION.SUSPENSION_IN_FORCE';
  return null;
}
