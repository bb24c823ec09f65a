import type { OrganisationDetail } from '@skillcert/shared/api/organisations';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { organisationsKey } from '@/features/organisations/api/get-organisations';

export function organisationKey(id: string) {
  return [...organisationsKey, 'detail', id] as const;
}

export function getOrganisation(id: string, signal?: AbortSignal): Promise<OrganisationDetail> {
  return http.get<OrganisationDetail>(`/api/organisations/${encodeURIComponent(id)}`, undefined, signal);
}

export function useOrganisation(id: string | null | undefined) {
  return useQuery({
    queryKey: organisationKey(id ?? ''),
    queryFn: ({ signal }) => getOrganisation(id ?? '', signal),
    enabled: Boolean(id),
  });
}
