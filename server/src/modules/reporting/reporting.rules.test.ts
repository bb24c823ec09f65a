import { describe, expect, it } from 'vitest';
import { answerEffect, deadlineState, inNationalUpload, mayCorrect, mayReport, reviewTransition, waitsOnInstitution } from './reporting.rules.ts';

const valid = 'valid';

describe('the report state machine (R10)', () => {
  it('R10: a pending certificate is submitted; a corrected returned one is resubmitted', () => {
    expect(mayReport({ certificateStatus: valid, report: 'pending', corrected: false })).toEqual({ next: 'submitted' });
    expect(mayReport({ certificateStatus: valid, report: 'rejected', corrected: true })).toEqual({ next: 'resubmitted' });
  });

  it('R10: a certificate is never reported twice (submitted, resubmitted or accepted)', () => {
    for (const report of ['submitted', 'resubmitted', 'accepted'] as const) {
      expect(mayReport({ certificateStatus: valid, report, corrected: false })).toEqual({ rule: 'R10', code: 'REPORT.ALREADY_REPORTED' });
    }
  });

  it('R10: a revoked certificate is not reported; a returned one is corrected first', () => {
    expect(mayReport({ certificateStatus: 'revoked', report: 'pending', corrected: false })).toEqual({ rule: 'R10', code: 'REPORT.REVOKED' });
    expect(mayReport({ certificateStatus: 'revoked', report: 'rejected', corrected: true })).toEqual({ rule: 'R10', code: 'REPORT.REVOKED' });
    expect(mayReport({ certificateStatus: valid, report: 'rejected', corrected: false })).toEqual({ rule: 'R10', code: 'REPORT.NOT_CORRECTED' });
  });

  it('R10: HR accepts or returns only what waits for it', () => {
    expect(reviewTransition('submitted', 'accept')).toBe('accepted');
    expect(reviewTransition('resubmitted', 'return')).toBe('rejected');
    for (const from of ['pending', 'accepted', 'rejected'] as const) {
      expect(reviewTransition(from, 'accept')).toEqual({ rule: 'R10', code: 'REPORT.NOT_SUBMITTED' });
    }
  });

  it('R10: only a returned certificate is corrected', () => {
    expect(mayCorrect('rejected')).toBeNull();
    expect(mayCorrect('accepted')).toEqual({ rule: 'R10', code: 'REPORT.NOT_RETURNED' });
    expect(mayCorrect('pending')).toEqual({ rule: 'R10', code: 'REPORT.NOT_RETURNED' });
  });
});

describe('the national upload and its answer (R10)', () => {
  it('R10: accepted certificates go into the upload file until the platform accepts them', () => {
    expect(inNationalUpload({ status: 'accepted', nationalStatus: 'none' })).toBe(true);
    expect(inNationalUpload({ status: 'accepted', nationalStatus: 'uploaded' })).toBe(true);
    expect(inNationalUpload({ status: 'accepted', nationalStatus: 'accepted' })).toBe(false);
    expect(inNationalUpload({ status: 'submitted', nationalStatus: 'none' })).toBe(false);
  });

  it('R10: an answer applies to an uploaded certificate; unknown and never-uploaded numbers are listed back', () => {
    expect(answerEffect(null, { outcome: 'accepted', reason: null })).toBe('unknown');
    expect(answerEffect({ nationalStatus: 'none', nationalReason: null }, { outcome: 'accepted', reason: null })).toBe('not_uploaded');
    expect(answerEffect({ nationalStatus: 'uploaded', nationalReason: null }, { outcome: 'rejected', reason: '姓名不符' })).toBe('apply');
  });

  it('R10: re-importing the same answer changes nothing', () => {
    expect(answerEffect({ nationalStatus: 'accepted', nationalReason: null }, { outcome: 'accepted', reason: null })).toBe('unchanged');
    expect(answerEffect({ nationalStatus: 'rejected', nationalReason: '姓名不符' }, { outcome: 'rejected', reason: '姓名不符' })).toBe('unchanged');
    expect(answerEffect({ nationalStatus: 'rejected', nationalReason: '姓名不符' }, { outcome: 'accepted', reason: null })).toBe('not_uploaded');
  });
});

describe('the reporting deadline (R10)', () => {
  it('R10: due until the deadline, overdue after it, done when nothing waits on the institution', () => {
    expect(deadlineState('2026-05-15', '2026-05-15', 2)).toBe('due');
    expect(deadlineState('2026-05-15', '2026-05-16', 2)).toBe('overdue');
    expect(deadlineState('2026-05-15', '2026-05-16', 0)).toBe('done');
    expect(deadlineState(null, '2026-05-16', 1)).toBe('due');
  });

  it('R10: pending and returned valid certificates wait on the institution', () => {
    expect(waitsOnInstitution('pending', 'valid')).toBe(true);
    expect(waitsOnInstitution('rejected', 'valid')).toBe(true);
    expect(waitsOnInstitution('pending', 'revoked')).toBe(false);
    expect(waitsOnInstitution('submitted', 'valid')).toBe(false);
  });
});
