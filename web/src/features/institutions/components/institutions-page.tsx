import { INSTITUTION_SORTS, INSTITUTION_STATUSES, type InstitutionStatus } from '@skillcert/shared/api/institutions';
import { Card, DatePicker, Flex, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { useInstitutions } from '@/features/institutions/api/get-institutions';
import { InstitutionFilters } from '@/features/institutions/components/institution-filters';
import { InstitutionsTable } from '@/features/institutions/components/institutions-table';
import { useListParams } from '@/lib/search-params';
import { useTablePagination } from '@/lib/table-pagination';
import { asSort } from '@/lib/table-sort';

const FILTER_KEYS = ['q', 'region', 'occupation', 'status', 'from', 'to', 'sort'] as const;

/** 评价机构 in my scope (every status: listed, suspended, revoked, expired). */
export function InstitutionsPage() {
  const { t } = useTranslation();
  const { values, page, pageSize, setFilters, setPage, reset } = useListParams(FILTER_KEYS);
  const sort = asSort(INSTITUTION_SORTS, values.sort);
  const status = asSort(INSTITUTION_STATUSES, values.status);
  const list = useInstitutions({
    q: values.q,
    region: values.region,
    occupation: values.occupation,
    status,
    from: values.from,
    to: values.to,
    sort,
    page,
    pageSize,
  });
  const pagination = useTablePagination(page, pageSize, list.data?.total, setPage);
  return (
    <>
      <PageHeader title={t('institutions.title')} subtitle={t('institutions.subtitle')} />
      <Card>
        <InstitutionFilters values={values} setFilters={setFilters} reset={reset} testIdPrefix="institutions" />
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <DatePicker.RangePicker
            style={{ width: 320 }}
            allowEmpty={[true, true]}
            value={[values.from ? dayjs(values.from) : null, values.to ? dayjs(values.to) : null]}
            onChange={(range) => setFilters({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
            placeholder={[t('institutions.filters.listedFrom'), t('institutions.filters.listedTo')]}
            data-testid="institutions-date-range"
          />
          <Select<InstitutionStatus>
            allowClear
            style={{ width: 160 }}
            placeholder={t('institutions.filters.status')}
            value={status}
            onChange={(v) => setFilters({ status: v })}
            options={INSTITUTION_STATUSES.map((s) => ({ value: s, label: t(`institutionStatus.${s}`) }))}
            data-testid="institutions-filter-status"
          />
        </Flex>
        <InstitutionsTable
          items={list.data?.items ?? []}
          loading={list.isFetching}
          renderName={(i) => (
            <Link to={`/institutions/${i.id}`} data-testid="institution-link">
              {i.name}
            </Link>
          )}
          pagination={pagination}
          sorting={{ sort, onSort: (next) => setFilters({ sort: next }) }}
          data-testid="institutions-table"
        />
      </Card>
    </>
  );
}
