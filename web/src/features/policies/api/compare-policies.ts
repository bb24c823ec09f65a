import type { ProfileComparison } from '@skillcert/shared/api/policies';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { policiesKey } from '@/features/policies/api/get-policies';

export type PolicyComparison = (typeof ProfileComparison)['_output'];

/** The rule values that differ between two profiles. */
export function comparePolicies(a: string, b: string, signal?: AbortSignal): Promise<PolicyComparison> {
  return http.get<PolicyComparison>('/api/policies/compare', { a, b }, signal);
}

export function useComparePolicies(a: string | undefined, b: string | undefined) {
  return useQuery({
    queryKey: [...policiesKey, 'compare', a ?? '', b ?? ''] as const,
    queryFn: ({ signal }) => comparePolicies(a ?? '', b ?? '', signal),
    enabled: Boolean(a && b),
    staleTime: 10 * 60_000,
  });
}
