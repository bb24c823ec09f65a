import type { AuditEntry } from '@skillcert/shared/api/audit';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

export interface AuditFilter {
  action?: string;
  targetType?: string;
  targetId?: string;
  seq?: string;
  /** Part of the actor's username. */
  actor?: string;
  /** ISO instants, inclusive. */
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export const auditKey = ['audit'] as const;

export function getAudit(filter: AuditFilter, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return http.get<Page<AuditEntry>>('/api/audit', { ...filter }, signal);
}

export function useAudit(filter: AuditFilter) {
  return useQuery({
    queryKey: [...auditKey, 'list', filter] as const,
    queryFn: ({ signal }) => getAudit(filter, signal),
    placeholderData: keepPreviousData,
  });
}
