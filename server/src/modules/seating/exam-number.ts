/**
 * 准考证号 — exam number, one per candidate and part. 16 digits, fixed width, readable left to right:
 *
 *   YYYY IIII PPP K RR SS
 *   2026 0001 004 1 03 17   →  2026000100410317
 *
 *   YYYY  year of the plan                         (4 digits)
 *   IIII  the institution's serial number          (4 digits, left-padded: "12" → 0012)
 *   PPP   the plan's sequence in that year         (001–999)
 *   K     the part: 1 theory (T, 理论知识), 2 practical (P, 操作技能), 3 综合评审 (C), 4 process assessment (R, 过程考核)
 *   RR    room number within the sitting          (01–99)
 *   SS    seat in the room                        (01–99)
 *
 * Digits only (no letters to mis-read on a door list); unique per plan, part, room and seat; sorted, numbers of one
 * room follow each other. Rooms and seats are capped at 99: a room needing more seats is split.
 */
export type ExamPartCode = 'T' | 'P' | 'C' | 'R';

export interface ExamNumberParts {
  year: number;
  institutionSerial: string;
  planSeq: number;
  partCode: ExamPartCode;
  roomNo: number;
  seat: number;
}

export const EXAM_NUMBER_LENGTH = 16;
export const EXAM_NUMBER_LIMITS = { planSeq: 999, roomNo: 99, seat: 99, institutionSerialDigits: 4 } as const;

const PART_DIGIT: Record<ExamPartCode, string> = { T: '1', P: '2', C: '3', R: '4' };
const DIGIT_PART: Record<string, ExamPartCode> = { '1': 'T', '2': 'P', '3': 'C', '4': 'R' };

function inRange(name: string, v: number, min: number, max: number): void {
  if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`exam number: ${name} must be an integer ${min}–${max}, got ${v}`);
}

export function examNumber(parts: ExamNumberParts): string {
  inRange('year', parts.year, 1000, 9999);
  if (!/^\d{1,4}$/.test(parts.institutionSerial)) throw new RangeError(`exam number: institutionSerial must be 1–4 digits, got "${parts.institutionSerial}"`);
  inRange('planSeq', parts.planSeq, 1, EXAM_NUMBER_LIMITS.planSeq);
  inRange('roomNo', parts.roomNo, 1, EXAM_NUMBER_LIMITS.roomNo);
  inRange('seat', parts.seat, 1, EXAM_NUMBER_LIMITS.seat);
  const part = PART_DIGIT[parts.partCode];
  if (!part) throw new RangeError(`exam number: unknown part code "${String(parts.partCode)}"`);
  return `${parts.year}${parts.institutionSerial.padStart(4, '0')}${String(parts.planSeq).padStart(3, '0')}${part}${String(parts.roomNo).padStart(2, '0')}${String(parts.seat).padStart(2, '0')}`;
}

/** The parts of an exam number, or null when it is not one (the institution serial comes back 4 digits wide). */
export function parseExamNumber(value: string): ExamNumberParts | null {
  const m = /^(\d{4})(\d{4})(\d{3})([1-4])(\d{2})(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [, y = '', inst = '', plan = '', part = '', room = '', seat = ''] = m;
  const parsed: ExamNumberParts = {
    year: Number(y),
    institutionSerial: inst,
    planSeq: Number(plan),
    partCode: DIGIT_PART[part] ?? 'T',
    roomNo: Number(room),
    seat: Number(seat),
  };
  if (parsed.year < 1000 || parsed.planSeq < 1 || parsed.roomNo < 1 || parsed.seat < 1) return null;
  return parsed;
}
