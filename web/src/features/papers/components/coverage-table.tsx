import type { AreaCoverage } from '@skillcert/shared/api/banks';
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** Per area: weight, the paper's score and share, and the deviation (red beyond the tolerance). */
export function CoverageTable({ coverage, tolerance }: { coverage: readonly AreaCoverage[]; tolerance?: number }) {
  const { t } = useTranslation();
  return (
    <Table<AreaCoverage>
      size="small"
      rowKey="areaCode"
      pagination={false}
      dataSource={[...coverage]}
      data-testid="coverage-table"
      columns={[
        { key: 'area', title: t('assembly.area'), render: (_, c) => `${c.areaCode} ${c.areaName}` },
        { key: 'weight', title: t('assembly.weight'), width: 90, render: (_, c) => `${c.weight}%` },
        { key: 'score', title: t('assembly.score'), width: 80, render: (_, c) => c.score },
        { key: 'share', title: t('assembly.share'), width: 100, render: (_, c) => `${c.share}%` },
        {
          key: 'deviation',
          title: t('assembly.deviation'),
          width: 100,
          render: (_, c) => (
            <Tag color={tolerance !== undefined && Math.abs(c.deviation) > tolerance ? 'error' : 'default'}>
              {c.deviation > 0 ? '+' : ''}
              {c.deviation}
            </Tag>
          ),
        },
      ]}
    />
  );
}
