import type { ReportStatus } from '@skillcert/shared/api/reporting';

// 证书数据上报 (R10) as pure rules: the report state machine, what may be sent, HR's review, the national platform's
// answer and the deadline. No database here; the service runs each transition in one transaction.

export type { ReportStatus };
export type NationalStatus = 'none' | 'uploaded' | 'accepted' | 'rejected';

export interface ReportFacts {
  /** The certificate's own status: a revoked certificate is never sent. */
  certificateStatus: 'valid' | 'revoked' | string;
  report: ReportStatus;
  /** A returned (rejected) certificate carries the institution's correction note before it is sent again. */
  corrected: boolean;
}

export type Refusal = { rule: 'R10'; code: string };

/**
 * R10: may the institution put this certificate in a batch, and what does it become?
 * pending → submitted; rejected (corrected) → resubmitted. Already submitted, resubmitted or accepted: reported twice.
 */
export function mayReport(f: ReportFacts): { next: 'submitted' | 'resubmitted' } | Refusal {
  if (f.report === 'submitted' || f.report === 'resubmitted' || f.report === 'accepted') return { rule: 'R10', code: 'REPORT.ALREADY_REPORTED' };
  if (f.certificateStatus !== 'valid') return { rule: 'R10', code: 'REPORT.REVOKED' };
  if (f.report === 'rejected') return f.corrected ? { next: 'resubmitted' } : { rule: 'R10', code: 'REPORT.NOT_CORRECTED' };
  return { next: 'submitted' };
}

/** HR's decision on one certificate of a batch waiting for it. */
export function reviewTransition(from: ReportStatus, decision: 'accept' | 'return'): ReportStatus | Refusal {
  if (from !== 'submitted' && from !== 'resubmitted') return { rule: 'R10', code: 'REPORT.NOT_SUBMITTED' };
  return decision === 'accept' ? 'accepted' : 'rejected';
}

/** Only a returned certificate is corrected (what was corrected, in the note); its report status stays rejected. */
export function mayCorrect(from: ReportStatus): Refusal | null {
  return from === 'rejected' ? null : { rule: 'R10', code: 'REPORT.NOT_RETURNED' };
}

export function isRefusal<T>(x: T | Refusal): x is Refusal {
  return typeof x === 'object' && x !== null && 'rule' in x;
}

/**
 * One line of the national platform's answer file against what we hold:
 * unknown — a number we never issued; not_uploaded — never sent in an upload file (nothing changes);
 * unchanged — this answer is already recorded (re-importing the same file changes nothing); apply — record it.
 */
export function answerEffect(
  held: { nationalStatus: NationalStatus; nationalReason: string | null } | null,
  answer: { outcome: 'accepted' | 'rejected'; reason: string | null },
): 'unknown' | 'not_uploaded' | 'unchanged' | 'apply' {
  if (!held) return 'unknown';
  if (held.nationalStatus === answer.outcome && (answer.outcome === 'accepted' || (held.nationalReason ?? '') === (answer.reason ?? ''))) return 'unchanged';
  if (held.nationalStatus !== 'uploaded') return 'not_uploaded';
  return 'apply';
}

/** Which accepted certificates go into the national upload file: not yet accepted by the platform. */
export function inNationalUpload(r: { status: ReportStatus; nationalStatus: NationalStatus }): boolean {
  return r.status === 'accepted' && r.nationalStatus !== 'accepted';
}

export type DeadlineState = 'done' | 'due' | 'overdue';

/**
 * R10 deadline of a plan's report: due until the profile's working day after publicity closed, overdue after it, while
 * any valid certificate of the plan is still pending or returned; done once each one is on its way or accepted.
 */
export function deadlineState(dueOn: string | null, today: string, open: number): DeadlineState {
  if (open === 0) return 'done';
  if (dueOn !== null && today > dueOn) return 'overdue';
  return 'due';
}

/** A certificate waits on the institution while pending or returned (and still valid). */
export function waitsOnInstitution(status: ReportStatus, certificateStatus: string): boolean {
  return certificateStatus === 'valid' && (status === 'pending' || status === 'rejected');
}
