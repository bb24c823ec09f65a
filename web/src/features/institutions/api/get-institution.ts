import type { Institution } from '@skillcert/shared/api/institutions';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { institutionsKey } from '@/features/institutions/api/get-institutions';

export function institutionKey(id: string) {
  return [...institutionsKey, 'detail', id] as const;
}

export function getInstitution(id: string, signal?: AbortSignal): Promise<Institution> {
  return http.get<Institution>(`/api/institutions/${encodeURIComponent(id)}`, undefined, signal);
}

export function useInstitution(id: string | null | undefined) {
  return useQuery({
    queryKey: institutionKey(id ?? ''),
    queryFn: ({ signal }) => getInstitution(id ?? '', signal),
    enabled: Boolean(id),
  });
}
