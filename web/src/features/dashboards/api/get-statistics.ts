import type {
  CertificateStats,
  CoverageStats,
  Dashboard,
  FilingCoverageStats,
  OnePlusXStats,
  PassRateStats,
  SubsidyStats,
  TalentStats,
} from '@skillcert/shared/api/statistics';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http, type QueryParams } from '@/lib/http';

/** What each dashboard answers (GET /api/statistics/<dashboard>). */
export interface DashboardData {
  certificates: CertificateStats;
  'pass-rates': PassRateStats;
  subsidies: SubsidyStats;
  coverage: CoverageStats;
  'filing-coverage': FilingCoverageStats;
  'one-plus-x': OnePlusXStats;
  talent: TalentStats;
}

/** The filters a dashboard is read with (the server validates them and keeps to the reader's scope). */
export interface StatFilterValues {
  from?: string | undefined;
  to?: string | undefined;
  region?: string | undefined;
  occupation?: string | undefined;
  level?: number | undefined;
  orgId?: string | undefined;
}

export const statisticsKey = ['statistics'] as const;

export function exportPath(dashboard: Dashboard): string {
  return `/api/statistics/${dashboard}/export.xlsx`;
}

export function toQuery(f: StatFilterValues): QueryParams {
  return { from: f.from, to: f.to, region: f.region, occupation: f.occupation, level: f.level, orgId: f.orgId };
}

export function getStatistics<D extends Dashboard>(dashboard: D, f: StatFilterValues, signal?: AbortSignal): Promise<DashboardData[D]> {
  return http.get<DashboardData[D]>(`/api/statistics/${dashboard}`, toQuery(f), signal);
}

/** One dashboard's figures for the filters. */
export function useStatistics<D extends Dashboard>(dashboard: D, f: StatFilterValues) {
  return useQuery({
    queryKey: [...statisticsKey, dashboard, f] as const,
    queryFn: ({ signal }) => getStatistics(dashboard, f, signal),
    placeholderData: keepPreviousData,
  });
}
