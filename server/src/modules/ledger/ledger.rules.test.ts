import { LEDGER_PARTS } from '@skillcert/shared/api/ledger';
import { describe, expect, it } from 'vitest';
import { LEDGER_SHEETS, ledgerPeriod, MAX_LEDGER_DAYS, mayReadWholeIdNumbers } from './ledger.rules.ts';

describe('ledger (工作台账)', () => {
  it('R14: the school’s own offices and HR read whole ID numbers in the export; education bureaus and the platform do not', () => {
    expect(mayReadWholeIdNumbers({ role: 'school_admin', orgKind: 'school' })).toBe(true);
    expect(mayReadWholeIdNumbers({ role: 'school_staff', orgKind: 'school' })).toBe(true);
    expect(mayReadWholeIdNumbers({ role: 'hr', orgKind: 'hr_bureau' })).toBe(true);
    expect(mayReadWholeIdNumbers({ role: 'edu', orgKind: 'edu_bureau' })).toBe(false);
    expect(mayReadWholeIdNumbers({ role: 'admin', orgKind: 'platform' })).toBe(false);
    expect(mayReadWholeIdNumbers({ role: 'supervisor', orgKind: 'hr_bureau' })).toBe(false);
  });

  it('R14: the period defaults to the calendar year and is refused when inverted or longer than three years', () => {
    expect(ledgerPeriod({}, '2026-11-29')).toEqual({ ok: true, from: '2026-01-01', to: '2026-12-31' });
    expect(ledgerPeriod({ from: '2025-03-01' }, '2026-11-29')).toEqual({ ok: true, from: '2025-03-01', to: '2025-12-31' });
    expect(ledgerPeriod({ from: '2026-02-01', to: '2026-01-01' }, '2026-11-29')).toEqual({ ok: false, code: 'VALIDATION.FAILED' });
    expect(ledgerPeriod({ from: '2000-01-01', to: '2099-12-31' }, '2026-11-29')).toEqual({ ok: false, code: 'LEDGER.RANGE_TOO_LONG' });
    expect(ledgerPeriod({ from: '2024-01-01', to: '2026-12-31' }, '2026-11-29').ok).toBe(true);
    expect(MAX_LEDGER_DAYS).toBeGreaterThanOrEqual(3 * 365);
  });

  it('R14: every part has a sheet with Chinese column titles, distinct sheet names', () => {
    const names = LEDGER_PARTS.map((p) => LEDGER_SHEETS[p].sheet);
    expect(new Set(names).size).toBe(LEDGER_PARTS.length);
    for (const p of LEDGER_PARTS) for (const c of LEDGER_SHEETS[p].columns) expect(c.title).toMatch(/[\u4e00-\u9fff]/);
  });
});
