const KEY = 'skillcert.exam.deviceId';

/**
 * This browser's device id, kept in localStorage: the server binds an attempt to one device and refuses a second one
 * (EXAM.OTHER_DEVICE) until the invigilator allows a takeover. A reload or a crash keeps the id; another browser has its own.
 */
export function deviceId(): string {
  try {
    const kept = window.localStorage.getItem(KEY);
    if (kept) return kept;
    const id = crypto.randomUUID();
    window.localStorage.setItem(KEY, id);
    return id;
  } catch {
    // private mode without storage: one id for this page's life
    fallback ??= crypto.randomUUID();
    return fallback;
  }
}
let fallback: string | undefined;

const POSITION_KEY = 'skillcert.exam.position';

export interface ExamPosition {
  attemptId: string;
  index: number;
  mode: 'one' | 'all';
}

/** Where the candidate was (question index, one-per-screen or whole paper), so a reload resumes there. */
export function loadPosition(attemptId: string): ExamPosition | null {
  try {
    const raw = window.localStorage.getItem(POSITION_KEY);
    if (!raw) return null;
    const p = JSON.parse(raw) as Partial<ExamPosition>;
    if (p.attemptId !== attemptId || typeof p.index !== 'number') return null;
    return { attemptId, index: p.index, mode: p.mode === 'all' ? 'all' : 'one' };
  } catch {
    return null;
  }
}

export function savePosition(p: ExamPosition): void {
  try {
    window.localStorage.setItem(POSITION_KEY, JSON.stringify(p));
  } catch {
    // no storage: the position is not kept
  }
}
