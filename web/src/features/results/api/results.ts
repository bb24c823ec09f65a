import type { MarkRecord, ObjectionView, PlanResults, PublicityAdmin, ResultsQuery, ScoreImportReport } from '@skillcert/shared/api/results';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';

// 认定结果 and 公示 API calls of one plan: results, score uploads (R6 course scores, 过程考核), publicity, objections.

export const resultsKey = (planId: string) => ['plans', planId, 'results'] as const;
export const publicityKey = (planId: string) => ['plans', planId, 'publicity'] as const;

export const resultsExportPath = (planId: string) => `/api/plans/${planId}/results.xlsx`;
export const courseTemplatePath = (planId: string) => `/api/plans/${planId}/course-scores/template.xlsx`;
export const processTemplatePath = (planId: string) => `/api/plans/${planId}/process-scores/template.xlsx`;

export function useResults(planId: string, q: ResultsQuery) {
  return useQuery({
    queryKey: [...resultsKey(planId), q],
    queryFn: ({ signal }) => http.get<PlanResults>(`/api/plans/${planId}/results`, { outcome: q.outcome, q: q.q || undefined }, signal),
    placeholderData: keepPreviousData,
  });
}

export interface ScoreUpload {
  filename: string;
  contentBase64: string;
  evidenceAttachmentId: string;
}

/** kind: course (R6, in place of theory) or process (过程考核 components); all rows or none. */
export function useScoreImport(planId: string, kind: 'course' | 'process') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ScoreUpload) => http.post<ScoreImportReport>(`/api/plans/${planId}/${kind}-scores/import`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: resultsKey(planId) }),
  });
}

export function usePublicityAdmin(planId: string) {
  return useQuery({ queryKey: publicityKey(planId), queryFn: ({ signal }) => http.get<PublicityAdmin>(`/api/plans/${planId}/publicity`, undefined, signal) });
}

export function usePublish(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => http.post<PublicityAdmin>(`/api/plans/${planId}/publicity`, {}),
    onSuccess: (data) => {
      qc.setQueryData(publicityKey(planId), data);
      void qc.invalidateQueries({ queryKey: ['plans', planId] });
    },
  });
}

export function useAnswerObjection(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ objectionId, answer }: { objectionId: string; answer: string }) =>
      http.post<ObjectionView>(`/api/plans/${planId}/objections/${objectionId}/answer`, { answer }),
    onSuccess: () => qc.invalidateQueries({ queryKey: publicityKey(planId) }),
  });
}

/** The whole mark record of one candidate (part results, marks, decisions, exam events). */
export function useMarkRecord(planId: string, enrolmentId: string | null) {
  return useQuery({
    queryKey: [...resultsKey(planId), 'record', enrolmentId],
    enabled: Boolean(enrolmentId),
    queryFn: ({ signal }) => http.get<MarkRecord>(`/api/plans/${planId}/results/${enrolmentId}`, undefined, signal),
  });
}

/** 过程考核: one component score of one candidate, with its evidence. */
export function useRecordProcessScore(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { enrolmentId: string; partId: string; score: number; evidenceAttachmentId: string }) =>
      http.post<void>(`/api/plans/${planId}/process-scores`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: resultsKey(planId) }),
  });
}
