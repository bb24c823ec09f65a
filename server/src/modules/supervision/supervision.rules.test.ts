import { describe, expect, it } from 'vitest';
import {
  attemptStatus,
  checkPhoto,
  heldCandidates,
  imageKind,
  MAX_PHOTO_BYTES,
  markProgress,
  maySupervise,
  roomCounts,
  sittingHours,
  termLabel,
  termOf,
  termRange,
  workloadRows,
} from './supervision.rules.ts';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('flags hold clearance', () => {
  const seats = new Map([
    ['room-a', ['e1', 'e2']],
    ['room-b', ['e3']],
  ]);
  it('a candidate flag holds that candidate only; a room flag every candidate seated there', () => {
    const held = heldCandidates(
      [
        { id: 'f1', status: 'open', reason: '夹带', enrolmentId: 'e3', sittingId: null },
        { id: 'f2', status: 'open', reason: '考场秩序混乱', enrolmentId: null, sittingId: 'room-a' },
      ],
      seats,
    );
    expect([...held.keys()].sort()).toEqual(['e1', 'e2', 'e3']);
    expect(held.get('e1')).toEqual([{ flagId: 'f2', kind: 'room', reason: '考场秩序混乱' }]);
    expect(held.get('e3')).toEqual([{ flagId: 'f1', kind: 'candidate', reason: '夹带' }]);
  });
  it('a resolved flag holds no one', () => {
    const held = heldCandidates([{ id: 'f2', status: 'resolved', reason: 'x', enrolmentId: null, sittingId: 'room-a' }], seats);
    expect(held.size).toBe(0);
  });
  it('reports and flags only while the plan is under way', () => {
    expect(['acknowledged', 'in_progress', 'marking', 'publicity'].every(maySupervise)).toBe(true);
    expect(['draft', 'submitted', 'returned', 'withdrawn', 'closed'].some(maySupervise)).toBe(false);
  });
});

describe('report photos', () => {
  it('JPEG and PNG by their bytes, whatever the name says', () => {
    expect(imageKind(JPEG)).toBe('jpeg');
    expect(imageKind(PNG)).toBe('png');
    expect(imageKind(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
    expect(imageKind(new Uint8Array([0xff, 0xd8]))).toBeNull();
  });
  it('bounded in size', () => {
    expect(checkPhoto({ size: MAX_PHOTO_BYTES, head: JPEG })).toBeNull();
    expect(checkPhoto({ size: MAX_PHOTO_BYTES + 1, head: PNG })).toBe('too_large');
    expect(checkPhoto({ size: 10, head: new TextEncoder().encode('GIF89a..') })).toBe('not_image');
  });
});

describe('the live room', () => {
  it('counts each state; no copy yet reads as not prepared', () => {
    const statuses = [undefined, 'prepared', 'signed_in', 'writing', 'writing', 'submitted', 'absent', 'odd'].map(attemptStatus);
    expect(roomCounts(statuses)).toEqual({ seated: 8, notPrepared: 1, prepared: 2, signedIn: 1, writing: 2, submitted: 1, absent: 1 });
  });
  it('marking progress: waiting until enough marks, then agreed, disputed or decided', () => {
    const expected = ['e1', 'e2', 'e3', 'e4'].map((enrolmentId) => ({ enrolmentId, itemId: 't1' }));
    const p = markProgress(
      { partId: 'p', partKind: 'practical' },
      expected,
      [
        { enrolmentId: 'e1', itemId: 't1', total: 8 }, // one of two: waiting
        { enrolmentId: 'e2', itemId: 't1', total: 8 },
        { enrolmentId: 'e2', itemId: 't1', total: 7 }, // agreed
        { enrolmentId: 'e3', itemId: 't1', total: 2 },
        { enrolmentId: 'e3', itemId: 't1', total: 9 }, // spread 7 > 5: disputed
        { enrolmentId: 'e4', itemId: 't1', total: 1 },
        { enrolmentId: 'e4', itemId: 't1', total: 9 },
      ],
      new Map([['e4|t1', 6]]),
      2,
      5,
    );
    expect(p).toEqual({ partId: 'p', partKind: 'practical', expected: 4, marks: 7, waiting: 1, agreed: 1, disputed: 1, decided: 1 });
  });
});

describe('R15 assessor workload', () => {
  it('R15: 学期 — September to January is the first term of the academic year, February to August the second', () => {
    expect(termOf('2025-09-01')).toBe('2025-1');
    expect(termOf('2025-12-31')).toBe('2025-1');
    expect(termOf('2026-01-31')).toBe('2025-1');
    expect(termOf('2026-02-01')).toBe('2025-2');
    expect(termOf('2026-08-31')).toBe('2025-2');
    expect(termRange('2025-1')).toEqual({ from: '2025-09-01', to: '2026-01-31' });
    expect(termRange('2025-2')).toEqual({ from: '2026-02-01', to: '2026-08-31' });
    expect(termLabel('2025-2')).toBe('2025–2026学年第二学期');
    expect(termLabel('2025-1', 'en-US')).toContain('autumn');
  });
  it('R15: hours come from the sitting times', () => {
    expect(sittingHours('09:00', '10:30')).toBe(1.5);
    expect(sittingHours('13:30', '15:10')).toBe(1.67);
    expect(sittingHours('10:00', '09:00')).toBe(0);
  });
  it('R15: per certificate number — sittings invigilated and examined, hours once per sitting, candidates and tasks marked, decisions', () => {
    const rows = workloadRows(
      [
        { certificateNo: 'B', name: '乙', startTime: '09:00', endTime: '10:30', invigilated: 2, examined: 0, sittings: 2 },
        { certificateNo: 'A', name: '甲', startTime: '13:30', endTime: '15:30', invigilated: 0, examined: 1, sittings: 1 },
        // Invigilated and examined the same sitting: its hours once.
        { certificateNo: 'D', name: '丁', startTime: '13:30', endTime: '15:10', invigilated: 1, examined: 1, sittings: 1 },
      ],
      [
        { certificateNo: 'A', candidates: 2, tasks: 3 },
        { certificateNo: 'C', candidates: 1, tasks: 1 },
      ],
      [{ certificateNo: 'A' }],
      new Map([['A', 'examiner_a']]),
    );
    expect(rows).toEqual([
      {
        certificateNo: 'A',
        name: '甲',
        username: 'examiner_a',
        sittingsInvigilated: 0,
        sittingsExamined: 1,
        hours: 2,
        candidatesMarked: 2,
        tasksMarked: 3,
        decisions: 1,
      },
      {
        certificateNo: 'B',
        name: '乙',
        username: null,
        sittingsInvigilated: 2,
        sittingsExamined: 0,
        hours: 3,
        candidatesMarked: 0,
        tasksMarked: 0,
        decisions: 0,
      },
      {
        certificateNo: 'C',
        name: '',
        username: null,
        sittingsInvigilated: 0,
        sittingsExamined: 0,
        hours: 0,
        candidatesMarked: 1,
        tasksMarked: 1,
        decisions: 0,
      },
      {
        certificateNo: 'D',
        name: '丁',
        username: null,
        sittingsInvigilated: 1,
        sittingsExamined: 1,
        hours: 1.67,
        candidatesMarked: 0,
        tasksMarked: 0,
        decisions: 0,
      },
    ]);
  });
});
