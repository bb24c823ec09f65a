import type { PublicInstitution } from '@skillcert/shared/api/institutions';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';
import type { InstitutionFilter } from '@/features/institutions/api/get-institutions';

/** The free public catalog (no login): listed and suspended institutions. */
export function getPublicInstitutions(filter: InstitutionFilter, signal?: AbortSignal): Promise<Page<PublicInstitution>> {
  return http.get<Page<PublicInstitution>>('/api/public/institutions', { ...filter }, signal);
}

export function usePublicInstitutions(filter: InstitutionFilter) {
  return useQuery({
    queryKey: ['public', 'institutions', filter] as const,
    queryFn: ({ signal }) => getPublicInstitutions(filter, signal),
    placeholderData: keepPreviousData,
  });
}
