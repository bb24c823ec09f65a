import type { InstitutionSort, InstitutionStatus, PublicInstitution } from '@skillcert/shared/api/institutions';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

export interface InstitutionFilter {
  /** Name or certificate-number prefix. */
  q?: string | undefined;
  /** GB/T 2260 code: this region and everything below it. */
  region?: string | undefined;
  /** Occupation code or name. */
  occupation?: string | undefined;
  status?: InstitutionStatus | undefined;
  /** Listed (validFrom) on or after / on or before (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
  sort?: InstitutionSort | undefined;
  page?: number;
  pageSize?: number;
}

export const institutionsKey = ['institutions'] as const;

/** Institutions in my scope, every status (the public catalog shows listed and suspended ones only). */
export function getInstitutions(filter: InstitutionFilter, signal?: AbortSignal): Promise<Page<PublicInstitution>> {
  return http.get<Page<PublicInstitution>>('/api/institutions', { ...filter }, signal);
}

export function useInstitutions(filter: InstitutionFilter) {
  return useQuery({
    queryKey: [...institutionsKey, 'list', filter] as const,
    queryFn: ({ signal }) => getInstitutions(filter, signal),
    placeholderData: keepPreviousData,
  });
}
