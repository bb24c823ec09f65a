import type { Organisation } from '@skillcert/shared/api/organisations';
import type { OrgKind } from '@skillcert/shared/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

export interface OrganisationFilter {
  kind?: OrgKind;
  /** GB/T 2260 code: this region and everything below it. */
  region?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export const organisationsKey = ['organisations'] as const;

export function getOrganisations(filter: OrganisationFilter, signal?: AbortSignal): Promise<Page<Organisation>> {
  return http.get<Page<Organisation>>('/api/organisations', { ...filter }, signal);
}

export function useOrganisations(filter: OrganisationFilter, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...organisationsKey, 'list', filter] as const,
    queryFn: ({ signal }) => getOrganisations(filter, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
