import type {
  ClientEventKind,
  ExamAnswer,
  ExamAnswerView,
  ExamAttemptState,
  ExamEventResult,
  ExamItem,
  ExamResponse,
  MyExams,
  SaveAnswersResult,
} from '@skillcert/shared/api/exams';
import { http } from '@/lib/http';

/**
 * The candidate's side of the exam API (`@skillcert/shared/api/exams`). Plain functions, no react-query: the exam page
 * runs its own save loop (IndexedDB queue, retries) and its own clock.
 */
export type { ClientEventKind, ExamAnswerView, ExamAttemptState, ExamEventResult, ExamItem, ExamResponse };

/** An answer as the page holds and sends it (flagged always present). */
export type Answer = Required<Pick<ExamAnswer, 'itemId' | 'response' | 'flagged' | 'seq'>>;

export const examApi = {
  signIn: (body: { examNumber: string; idNumber: string; deviceId: string }) => http.post<ExamAttemptState>('/api/exam/sign-in', body),
  enter: (attemptId: string, deviceId: string) => http.post<ExamAttemptState>(`/api/me/exams/${attemptId}/enter`, { deviceId }),
  myExams: (signal?: AbortSignal) => http.get<MyExams>('/api/me/exams', undefined, signal),
  attempt: () => http.get<ExamAttemptState>('/api/exam/attempt'),
  start: () => http.post<ExamAttemptState>('/api/exam/start', {}),
  saveAnswers: (answers: Answer[]) => http.put<SaveAnswersResult>('/api/exam/answers', { answers }),
  event: (kind: ClientEventKind, data?: Record<string, string | number | boolean | null>) =>
    http.post<ExamEventResult>('/api/exam/events', data ? { kind, data } : { kind }),
  submit: () => http.post<ExamAttemptState>('/api/exam/submit', {}),
};

/** Is the answer empty (nothing chosen, no text)? */
export function isEmptyResponse(r: ExamResponse | null | undefined): boolean {
  if (!r) return true;
  return 'keys' in r ? r.keys.length === 0 : r.text.trim() === '';
}

/** The empty answer of an item type (a flag on an unanswered item sends it). */
export function emptyResponse(type: ExamItem['type']): ExamResponse {
  return type === 'subjective' ? { text: '' } : { keys: [] };
}
