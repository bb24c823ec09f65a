import type { AuditVerifyResult } from '@skillcert/shared/api/audit';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { auditKey } from '@/features/audit/api/get-audit';

/** Recomputes the audit log's hash chain on the server. */
export function verifyAudit(signal?: AbortSignal): Promise<AuditVerifyResult> {
  return http.get<AuditVerifyResult>('/api/audit/verify', undefined, signal);
}

/** Runs only when asked (`refetch()` from the "verify chain" button); every run checks afresh. */
export function useVerifyAudit() {
  return useQuery({
    queryKey: [...auditKey, 'verify'] as const,
    queryFn: ({ signal }) => verifyAudit(signal),
    enabled: false,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}
