import type { PolicyProfileSummary } from '@skillcert/shared/api/policies';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';

export type PolicySummary = (typeof PolicyProfileSummary)['_output'];

export const policiesKey = ['policies'] as const;

export function getPolicies(signal?: AbortSignal): Promise<PolicySummary[]> {
  return http.get<PolicySummary[]>('/api/policies', undefined, signal);
}

/** Published policy: changes with a release, not during a session. */
export function usePolicies() {
  return useQuery({
    queryKey: [...policiesKey, 'list'] as const,
    queryFn: ({ signal }) => getPolicies(signal),
    staleTime: 10 * 60_000,
  });
}
