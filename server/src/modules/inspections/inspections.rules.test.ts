import { describe, expect, it } from 'vitest';
import { isOverdue, mayCloseInspection, mayDecide, mayRecord, mayRespond } from './inspections.rules.ts';

describe('inspections (检查) and 整改 (R14)', () => {
  it('R14: an inspection closes only when every 整改 item is accepted', () => {
    expect(mayCloseInspection('rectifying', [{ status: 'accepted' }, { status: 'responded' }])).toBe('INSPECTION.ITEMS_OPEN');
    expect(mayCloseInspection('rectifying', [{ status: 'accepted' }])).toBeNull();
    expect(mayCloseInspection('open', [])).toBeNull();
    expect(mayCloseInspection('closed', [])).toBe('INSPECTION.BAD_STATE');
  });
  it('R14: the institution answers an open item; the bureau decides an answered one', () => {
    expect(mayRespond('open')).toBe(true);
    expect(mayRespond('accepted')).toBe(false);
    expect(mayDecide('responded')).toBe(true);
    expect(mayDecide('open')).toBe(false);
    expect(mayRecord('closed')).toBe(false);
  });
  it('an unanswered item past its due day is overdue; an answered one is not', () => {
    expect(isOverdue({ status: 'open', dueOn: '2026-05-01' }, '2026-05-02')).toBe(true);
    expect(isOverdue({ status: 'responded', dueOn: '2026-05-01' }, '2026-05-02')).toBe(false);
    expect(isOverdue({ status: 'open', dueOn: '2026-05-02' }, '2026-05-02')).toBe(false);
  });
});
