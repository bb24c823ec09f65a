import type { AreaCoverage } from '@skillcert/shared/api/banks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { BarChart } from '@/components/bar-chart';

/** Blueprint weight vs the paper's share of the score, per area (%). */
export function CoverageChart({
  coverage,
  height = 260,
  'data-testid': testId = 'coverage-chart',
}: {
  coverage: readonly AreaCoverage[];
  height?: number;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const categories = useMemo(() => coverage.map((c) => `${c.areaCode} ${c.areaName}`), [coverage]);
  const series = useMemo(
    () => [
      { name: t('assembly.weight'), data: coverage.map((c) => c.weight), color: '#8c8c8c' },
      { name: t('assembly.share'), data: coverage.map((c) => c.share), color: '#1f5fbf' },
    ],
    [coverage, t],
  );
  return <BarChart categories={categories} series={series} unit="%" height={height} data-testid={testId} />;
}
