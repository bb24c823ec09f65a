import { describe, expect, it } from 'vitest';
import { addWorkingDays, calendarKnown, chinaDate, endOfChinaDay, isWorkingDay, LAST_KNOWN_CALENDAR_YEAR, workingDayWindow } from './working-days.ts';

describe('working days (holidays and 调休 from chinese-days)', () => {
  it('knows 2026: 国庆节 is off, the 调休 Saturday 10 October is worked', () => {
    expect(LAST_KNOWN_CALENDAR_YEAR).toBeGreaterThanOrEqual(2026);
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday, 调休
    expect(isWorkingDay('2026-10-11')).toBe(false); // Sunday
    expect(isWorkingDay('2026-10-09')).toBe(true);
  });

  it('counts working days across a holiday and a 调休 weekend day', () => {
    // 30 Sep, then 8, 9, 10 (Sat, 调休), 12 Oct
    expect(addWorkingDays('2026-09-30', 4)).toBe('2026-10-12');
    expect(addWorkingDays('2026-09-28', 5)).toBe('2026-10-10');
  });

  it('publicity of 5 working days published on a holiday starts the next working day and closes at 24:00 China time', () => {
    const w = workingDayWindow(new Date('2026-10-03T02:00:00Z'), 5); // 10:00 in Beijing on 3 October (holiday)
    // 8, 9, 10 (Saturday, 调休), 12, 13 October
    expect(w).toEqual({ firstDay: '2026-10-08', lastDay: '2026-10-13', closesAt: new Date('2026-10-13T16:00:00Z'), calendarKnown: true });
  });

  it('a publication on a working day counts that day', () => {
    const w = workingDayWindow(new Date('2026-06-01T01:00:00Z'), 5); // Monday
    expect([w.firstDay, w.lastDay]).toEqual(['2026-06-01', '2026-06-05']);
  });

  it('a date late in the evening UTC is the next day in China', () => {
    expect(chinaDate(new Date('2026-06-01T17:00:00Z'))).toBe('2026-06-02');
    expect(endOfChinaDay('2026-06-02').toISOString()).toBe('2026-06-02T16:00:00.000Z');
  });

  it('past the package calendar it falls back to Monday–Friday and says the calendar is not known', () => {
    const later = `${LAST_KNOWN_CALENDAR_YEAR + 1}`;
    expect(calendarKnown(`${later}-03-01`)).toBe(false);
    const w = workingDayWindow(new Date(`${later}-03-02T02:00:00Z`), 5);
    expect(w.calendarKnown).toBe(false);
    for (const d of [w.firstDay, w.lastDay]) expect([0, 6]).not.toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
  });
});
