import { PlusOutlined } from '@ant-design/icons';
import type { Plan, PlanStatus } from '@skillcert/shared/api/plans';
import { PLAN_SORTS, PLAN_STATUSES, PlanRangeField } from '@skillcert/shared/api/plans';
import { Badge, Button, Card, DatePicker, Flex, Input, Select, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { usePlans } from '@/features/plans/api/get-plans';
import { planSubjectText } from '@/features/plans/components/plan-subject-text';
import { PlanStatusTag } from '@/features/plans/components/plan-status-tag';
import { can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useListParams } from '@/lib/search-params';
import { useTablePagination } from '@/lib/table-pagination';
import { asSort, sortOfChange, sortOrderOf } from '@/lib/table-sort';

const FILTER_KEYS = ['tab', 'status', 'q', 'from', 'to', 'range', 'sort'] as const;
const DEFAULT_SORT = '-updatedAt';
type Tab = 'todo' | 'all';

function asStatus(v: string | undefined): PlanStatus | undefined {
  return (PLAN_STATUSES as readonly string[]).includes(v ?? '') ? (v as PlanStatus) : undefined;
}

/**
 * 认定计划: a school's plans (new ones start here); HR's to-do list of plans to acknowledge and changes to decide;
 * a supervisor's assigned plans.
 */
export function PlansPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { values, page, pageSize, setFilters, setPage } = useListParams(FILTER_KEYS);
  const school = can(me, 'plan.manage');
  const tab: Tab = values.tab === 'todo' || values.tab === 'all' ? values.tab : school ? 'all' : 'todo';
  const status = asStatus(values.status);
  const sort = asSort(PLAN_SORTS, values.sort);
  const range = asSort(PlanRangeField.options, values.range);
  const common = { q: values.q, from: values.from, to: values.to, range, sort, page, pageSize };
  const list = usePlans(tab === 'todo' ? { todo: true, ...common } : { status, ...common });
  const [q, setQ] = useState(values.q ?? '');
  const sortable = (field: string) => ({ sorter: true, sortOrder: sortOrderOf(sort, DEFAULT_SORT, field) });
  const pagination = useTablePagination(page, pageSize, list.data?.total, setPage);
  const todoCount = usePlans({ todo: true, page: 1, pageSize: 1 }, { enabled: tab === 'all' });
  const waiting = tab === 'todo' ? list.data?.total : todoCount.data?.total;

  const columns: TableColumnsType<Plan> = [
    {
      key: 'title',
      title: t('plans.fields.title'),
      width: 200,
      ...sortable('title'),
      render: (_, p) => (
        <Link to={`/plans/${p.id}`} data-testid="plan-link">
          {p.title}
        </Link>
      ),
    },
    { key: 'school', title: t('plans.fields.school'), width: 170, ...sortable('school'), render: (_, p) => p.orgName },
    { key: 'occupation', title: t('plans.fields.subject'), width: 190, ...sortable('occupation'), render: (_, p) => planSubjectText(p, t) },
    { key: 'firstSitting', title: t('plans.fields.firstSitting'), width: 110, ...sortable('firstSitting'), render: (_, p) => p.firstSitting ?? '—' },
    { key: 'capacity', title: t('plans.fields.capacity'), width: 70, render: (_, p) => p.capacity },
    {
      key: 'status',
      title: t('plans.fields.status'),
      width: 120,
      ...sortable('status'),
      render: (_, p) => (
        <Flex gap={4} wrap>
          <PlanStatusTag status={p.status} data-testid="plan-row-status" />
          {p.pendingChange ? <Tag color="orange">{t('plans.changePending')}</Tag> : null}
        </Flex>
      ),
    },
    {
      key: 'supervisors',
      title: t('plans.fields.supervisors'),
      width: 110,
      render: (_, p) =>
        p.supervisors.length ? p.supervisors.map((s) => s.displayName).join('、') : <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
    },
    {
      key: 'submittedAt',
      title: t('plans.fields.submittedAt'),
      width: 150,
      ...sortable('submittedAt'),
      render: (_, p) => (p.submittedAt ? formatDateTime(p.submittedAt) : <Typography.Text type="secondary">{t('common.none')}</Typography.Text>),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('plans.title')}
        subtitle={t('plans.subtitle')}
        extra={
          school ? (
            <Link to="/plans/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="plan-new">
                {t('plans.new')}
              </Button>
            </Link>
          ) : null
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setFilters({ tab: key, status: undefined })}
          items={[
            {
              key: 'todo',
              label: (
                <span data-testid="plans-tab-todo">
                  {me.role === 'supervisor' ? t('plans.tabAssigned') : t('plans.tabTodo')} <Badge count={waiting ?? 0} showZero={false} size="small" />
                </span>
              ),
            },
            { key: 'all', label: <span data-testid="plans-tab-all">{t('plans.tabAll')}</span> },
          ]}
        />
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            style={{ width: 260 }}
            placeholder={t('plans.search')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => setFilters({ q: v.trim() || undefined })}
            data-testid="plans-search"
          />
          <Select<PlanRangeField>
            style={{ width: 150 }}
            value={range ?? 'firstSitting'}
            onChange={(v) => setFilters({ range: v === 'firstSitting' ? undefined : v })}
            options={[
              { value: 'firstSitting', label: t('plans.rangeFirstSitting') },
              { value: 'submittedAt', label: t('plans.rangeSubmitted') },
            ]}
            data-testid="plans-range-field"
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            value={[values.from ? dayjs(values.from) : null, values.to ? dayjs(values.to) : null]}
            onChange={(r) => setFilters({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            placeholder={[t('plans.dateFrom'), t('plans.dateTo')]}
            data-testid="plans-date-range"
          />
          {tab === 'all' ? (
            <Select<PlanStatus>
              allowClear
              style={{ width: 200 }}
              placeholder={t('plans.filterStatus')}
              value={status}
              onChange={(v) => setFilters({ status: v })}
              options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`plans.status.${s}`) }))}
              data-testid="plans-filter-status"
            />
          ) : null}
        </Flex>
        <Table<Plan>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          // Fits the content width at 1440 px (1440 − menu − margins): every column in view without scrolling.
          // The last change is the default order (no column of its own; `sort=updatedAt` still works).
          scroll={{ x: 1120 }}
          onChange={(_pagination, _filters, sorter) => setFilters({ sort: sortOfChange(PLAN_SORTS, sorter) })}
          locale={tab === 'todo' ? { emptyText: t('plans.todoEmpty') } : undefined}
          pagination={pagination}
          data-testid="plans-table"
        />
      </Card>
    </>
  );
}
