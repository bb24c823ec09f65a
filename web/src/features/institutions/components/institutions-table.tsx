import { INSTITUTION_SORTS, type InstitutionSort, type PublicInstitution } from '@skillcert/shared/api/institutions';
import { Space, Table, type TableColumnsType, type TablePaginationConfig, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { InstitutionScopeTags } from '@/features/institutions/components/institution-scope';
import { InstitutionStatusTag } from '@/features/institutions/components/institution-status-tag';
import { sortOfChange, sortOrderOf } from '@/lib/table-sort';

interface InstitutionsTableProps {
  items: PublicInstitution[];
  loading: boolean;
  pagination: TablePaginationConfig;
  /** The name cell (a link inside the app; plain text in the public catalog). */
  renderName?: (inst: PublicInstitution) => ReactNode;
  /** Sortable columns (the bureaus' list; the public catalog keeps its own order): the `sort` parameter and its setter. */
  sorting?: { sort: InstitutionSort | undefined; onSort: (sort: InstitutionSort | undefined) => void };
  'data-testid'?: string;
}

/** The server's default order: by institution code. */
const DEFAULT_SORT = 'code';

/** Name, region, institution code, certificate-number prefix, scope, validity, status — shared by the app and the public catalog. */
export function InstitutionsTable({ items, loading, pagination, renderName, sorting, 'data-testid': testId }: InstitutionsTableProps) {
  const { t } = useTranslation();
  const sortable = (field: string) => (sorting ? { sorter: true, sortOrder: sortOrderOf(sorting.sort, DEFAULT_SORT, field) } : {});
  const columns: TableColumnsType<PublicInstitution> = [
    {
      key: 'name',
      title: t('institutions.fields.name'),
      width: 240,
      ...sortable('name'),
      render: (_, i) => (
        <Space orientation="vertical" size={0}>
          {renderName ? renderName(i) : <span data-testid="institution-name">{i.name}</span>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`filingKinds.${i.kind}`)}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'region', title: t('institutions.fields.region'), width: 140, render: (_, i) => i.regionName },
    { key: 'code', title: t('institutions.fields.code'), width: 110, ...sortable('code'), render: (_, i) => <Typography.Text code>{i.code}</Typography.Text> },
    {
      key: 'prefix',
      title: t('institutions.fields.certificatePrefix'),
      width: 160,
      render: (_, i) => (
        <Typography.Text code data-testid="institution-prefix">
          {i.certificatePrefix}
        </Typography.Text>
      ),
    },
    { key: 'scope', title: t('institutions.fields.scope'), render: (_, i) => <InstitutionScopeTags scope={i.scope} /> },
    { key: 'validFrom', title: t('institutions.fields.validFrom'), width: 130, ...sortable('validFrom'), render: (_, i) => i.validFrom },
    { key: 'validTo', title: t('institutions.fields.validTo'), width: 130, ...sortable('validTo'), render: (_, i) => i.validTo },
    { key: 'status', title: t('institutions.fields.status'), width: 110, ...sortable('status'), render: (_, i) => <InstitutionStatusTag status={i.status} /> },
  ];
  return (
    <Table<PublicInstitution>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      // Fits the content width at 1440 px (1440 − menu − margins): every column in view without scrolling.
      scroll={{ x: 1100 }}
      pagination={pagination}
      onChange={(_pagination, _filters, sorter) => sorting?.onSort(sortOfChange(INSTITUTION_SORTS, sorter))}
      locale={{ emptyText: t('publicCatalog.empty') }}
      data-testid={testId}
    />
  );
}
