import type { Blueprint } from '@skillcert/shared/api/banks';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { blueprintsKey } from '@/features/blueprints/api/get-blueprints';

export function blueprintKey(id: string) {
  return [...blueprintsKey, 'detail', id] as const;
}

export function getBlueprint(id: string, signal?: AbortSignal): Promise<Blueprint> {
  return http.get<Blueprint>(`/api/blueprints/${encodeURIComponent(id)}`, undefined, signal);
}

export function useBlueprint(id: string | null | undefined) {
  return useQuery({
    queryKey: blueprintKey(id ?? ''),
    queryFn: ({ signal }) => getBlueprint(id ?? '', signal),
    enabled: Boolean(id),
    staleTime: 0,
  });
}
