import type { Inspection, Signal } from '@skillcert/shared/api/sanctions';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

// 检查 (inspections with 整改 items) and 异常预警 (signals): one hook per API call.

const key = ['inspections'] as const;
const signalKey = ['signals'] as const;

export function useInspections(page: number) {
  return useQuery({
    queryKey: [...key, 'list', page] as const,
    queryFn: ({ signal }) => http.get<Page<Inspection>>('/api/inspections', { page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
}

function useWrite<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: key }), qc.invalidateQueries({ queryKey: signalKey })]),
  });
}

export const useCreateInspection = () =>
  useWrite((v: { institutionId: string; kind: 'planned' | 'ad_hoc'; title: string; scheduledOn?: string }) => http.post<Inspection>('/api/inspections', v));
export const useFindings = () =>
  useWrite((v: { id: string; findings: string }) => http.put<Inspection>(`/api/inspections/${v.id}/findings`, { findings: v.findings }));
export const useAddItem = () =>
  useWrite((v: { id: string; description: string; dueOn: string }) =>
    http.post<Inspection>(`/api/inspections/${v.id}/items`, { description: v.description, dueOn: v.dueOn }),
  );
export const useRespondItem = () =>
  useWrite((v: { id: string; itemId: string; response: string }) =>
    http.post<Inspection>(`/api/inspections/${v.id}/items/${v.itemId}/response`, { response: v.response }),
  );
export const useDecideItem = () =>
  useWrite((v: { id: string; itemId: string; accept: boolean; reason?: string }) =>
    http.post<Inspection>(`/api/inspections/${v.id}/items/${v.itemId}/decision`, { accept: v.accept, ...(v.reason ? { reason: v.reason } : {}) }),
  );
export const useCloseInspection = () => useWrite((id: string) => http.post<Inspection>(`/api/inspections/${id}/close`, {}));

export function useSignals(page: number) {
  return useQuery({
    queryKey: [...signalKey, 'list', page] as const,
    queryFn: ({ signal }) => http.get<Page<Signal>>('/api/signals', { page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
}
export const useDetectSignals = () => useWrite(() => http.post<{ detected: number; stored: number }>('/api/signals/detect', {}));
export const useDismissSignal = () => useWrite((v: { id: string; reason: string }) => http.post<Signal>(`/api/signals/${v.id}/dismiss`, { reason: v.reason }));
export const useInspectSignal = () => useWrite((v: { id: string; title: string }) => http.post<Signal>(`/api/signals/${v.id}/inspection`, { title: v.title }));
