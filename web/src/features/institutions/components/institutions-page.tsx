import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { useInstitutions } from '@/features/institutions/api/get-institutions';
import { InstitutionFilters } from '@/features/institutions/components/institution-filters';
import { InstitutionsTable } from '@/features/institutions/components/institutions-table';
import { useListParams } from '@/lib/search-params';
import { useTablePagination } from '@/lib/table-pagination';

const FILTER_KEYS = ['q', 'region', 'occupation'] as const;

/** 评价机构 in my scope (every status: listed, suspended, revoked, expired). */
export function InstitutionsPage() {
  const { t } = useTranslation();
  const { values, page, pageSize, setFilters, setPage, reset } = useListParams(FILTER_KEYS);
  const list = useInstitutions({ ...values, page, pageSize });
  const pagination = useTablePagination(page, pageSize, list.data?.total, setPage);
  return (
    <>
      <PageHeader title={t('institutions.title')} subtitle={t('institutions.subtitle')} />
      <Card>
        <InstitutionFilters values={values} setFilters={setFilters} reset={reset} testIdPrefix="institutions" />
        <InstitutionsTable
          items={list.data?.items ?? []}
          loading={list.isFetching}
          renderName={(i) => (
            <Link to={`/institutions/${i.id}`} data-testid="institution-link">
              {i.name}
            </Link>
          )}
          pagination={pagination}
          data-testid="institutions-table"
        />
      </Card>
    </>
  );
}
