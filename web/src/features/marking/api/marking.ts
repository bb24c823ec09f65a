import type {
  Decision,
  DecisionBody,
  DisputeQueue,
  MarkBody,
  MarkingProgress,
  MarkingQueue,
  MarkRecord,
  PaperMarkBody,
  RemarkBody,
  RemarkRequest,
  SavedMark,
} from '@skillcert/shared/api/marking';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';

// 评分 API calls: my blind queue and marks (on screen or from a paper sheet), the chief examiner's disputes, a plan's progress.

export const markingQueueKey = ['marking', 'queue'] as const;
export const disputesKey = ['marking', 'disputes'] as const;
export const progressKey = (planId: string) => ['plans', planId, 'marking'] as const;

export function useMarkingQueue() {
  return useQuery({ queryKey: markingQueueKey, queryFn: ({ signal }) => http.get<MarkingQueue>('/api/marking/queue', undefined, signal) });
}

export function useSaveMark() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MarkBody) => http.put<SavedMark>('/api/marking/marks', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: markingQueueKey }),
  });
}

export function useSavePaperMark() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PaperMarkBody) => http.post<SavedMark>('/api/marking/paper-marks', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: markingQueueKey }),
  });
}

export function useDisputes() {
  return useQuery({ queryKey: disputesKey, queryFn: ({ signal }) => http.get<DisputeQueue>('/api/marking/disputes', undefined, signal) });
}

export function useDecide() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DecisionBody) => http.post<Decision>('/api/marking/decisions', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: disputesKey }),
  });
}

export function useMarkingProgress(planId: string) {
  return useQuery({ queryKey: progressKey(planId), queryFn: ({ signal }) => http.get<MarkingProgress>(`/api/plans/${planId}/marking`, undefined, signal) });
}

export const markRecordKey = (planId: string) => ['plans', planId, 'marks'] as const;

export function useMarkRecord(planId: string) {
  return useQuery({ queryKey: markRecordKey(planId), queryFn: ({ signal }) => http.get<MarkRecord>(`/api/plans/${planId}/marks`, undefined, signal) });
}

/** 复核: the institution asks a different examiner to re-mark a candidate's item. */
export function useRequestRemark(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RemarkBody) => http.post<RemarkRequest>(`/api/plans/${planId}/remarks`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['plans', planId] }),
  });
}
