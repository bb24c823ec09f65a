import type { ComplaintStatus, ComplaintView } from '@skillcert/shared/api/complaints';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

// 投诉处理: HR's queue of complaints about institutions in its region, and the steps on one complaint.

export const complaintsKey = ['complaints'] as const;

export interface ComplaintFilter {
  status?: ComplaintStatus | undefined;
  mine?: 'true' | undefined;
  page: number;
  pageSize: number;
}

export function useComplaints(filter: ComplaintFilter) {
  return useQuery({
    queryKey: [...complaintsKey, 'list', filter] as const,
    queryFn: ({ signal }) => http.get<Page<ComplaintView>>('/api/complaints', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useComplaint(id: string | null) {
  return useQuery({
    queryKey: [...complaintsKey, 'one', id] as const,
    enabled: Boolean(id),
    queryFn: ({ signal }) => http.get<ComplaintView>(`/api/complaints/${id}`, undefined, signal),
  });
}

export function useAssignees(id: string | null) {
  return useQuery({
    queryKey: [...complaintsKey, 'assignees', id] as const,
    enabled: Boolean(id),
    queryFn: ({ signal }) => http.get<{ id: string; displayName: string; orgName: string }[]>(`/api/complaints/${id}/assignees`, undefined, signal),
  });
}

type Step = { kind: 'assign'; userId: string } | { kind: 'notes'; text: string } | { kind: 'answer'; answer: string } | { kind: 'close' };

export function useComplaintStep(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: Step) => {
      const { kind, ...body } = s;
      return http.post<ComplaintView>(`/api/complaints/${id}/${kind}`, body);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: complaintsKey }),
  });
}
