import { PlusOutlined } from '@ant-design/icons';
import type { Plan, PlanStatus } from '@skillcert/shared/api/plans';
import { PLAN_STATUSES } from '@skillcert/shared/api/plans';
import { Badge, Button, Card, Flex, Select, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
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

const FILTER_KEYS = ['tab', 'status'] as const;
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
  const list = usePlans(tab === 'todo' ? { todo: true, page, pageSize } : { status, page, pageSize });
  const pagination = useTablePagination(page, pageSize, list.data?.total, setPage);
  const todoCount = usePlans({ todo: true, page: 1, pageSize: 1 }, { enabled: tab === 'all' });
  const waiting = tab === 'todo' ? list.data?.total : todoCount.data?.total;

  const columns: TableColumnsType<Plan> = [
    {
      key: 'title',
      title: t('plans.fields.title'),
      width: 300,
      render: (_, p) => (
        <Link to={`/plans/${p.id}`} data-testid="plan-link">
          {p.title}
        </Link>
      ),
    },
    { key: 'school', title: t('plans.fields.school'), width: 220, render: (_, p) => p.orgName },
    { key: 'subject', title: t('plans.fields.subject'), width: 240, render: (_, p) => planSubjectText(p, t) },
    { key: 'first', title: t('plans.fields.firstSitting'), width: 120, render: (_, p) => p.firstSitting ?? '—' },
    { key: 'capacity', title: t('plans.fields.capacity'), width: 90, render: (_, p) => p.capacity },
    {
      key: 'status',
      title: t('plans.fields.status'),
      width: 150,
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
      width: 160,
      render: (_, p) => (p.supervisors.length ? p.supervisors.map((s) => s.displayName).join('、') : <Typography.Text type="secondary">{t('common.none')}</Typography.Text>),
    },
    { key: 'updatedAt', title: t('plans.fields.updatedAt'), width: 170, render: (_, p) => formatDateTime(p.updatedAt) },
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
        {tab === 'all' ? (
          <Flex wrap gap={12} style={{ marginBottom: 16 }}>
            <Select<PlanStatus>
              allowClear
              style={{ width: 200 }}
              placeholder={t('plans.filterStatus')}
              value={status}
              onChange={(v) => setFilters({ status: v })}
              options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`plans.status.${s}`) }))}
              data-testid="plans-filter-status"
            />
          </Flex>
        ) : null}
        <Table<Plan>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1450 }}
          locale={tab === 'todo' ? { emptyText: t('plans.todoEmpty') } : undefined}
          pagination={pagination}
          data-testid="plans-table"
        />
      </Card>
    </>
  );
}
