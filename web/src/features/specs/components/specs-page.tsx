import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import type { Spec, SpecStatus } from '@skillcert/shared/api/specs';
import { SPEC_SORTS } from '@skillcert/shared/api/specs';
import { App, Badge, Button, Card, DatePicker, Flex, Input, Popconfirm, Select, Space, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LevelTag } from '@/components/level-tag';
import { PageHeader } from '@/components/page-header';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useSpecs } from '@/features/specs/api/get-specs';
import { useSubmitSpec } from '@/features/specs/api/submit-spec';
import { weightSum } from '@/features/specs/components/blueprint-editor';
import { SpecDecisionModal } from '@/features/specs/components/spec-decision-modal';
import { SpecFormDrawer } from '@/features/specs/components/spec-form-drawer';
import { SpecStatusTag } from '@/features/specs/components/spec-status-tag';
import { can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useListParams } from '@/lib/search-params';
import { useTablePagination } from '@/lib/table-pagination';
import { asSort, sortOfChange, sortOrderOf } from '@/lib/table-sort';

const FILTER_KEYS = ['tab', 'status', 'q', 'from', 'to', 'sort'] as const;
const DEFAULT_SORT = '-updatedAt';
const STATUSES: SpecStatus[] = ['draft', 'submitted', 'filed', 'returned'];

type DrawerState = { mode: 'create' } | { mode: 'edit'; spec: Spec } | { mode: 'view'; spec: Spec } | null;

function SumTag({ sum }: { sum: number }) {
  return <Tag color={sum === 100 ? 'success' : 'error'}>{sum}%</Tag>;
}

/** 评价规范 (R5): schools draft and file them; HR files or returns them ("待我审核" is the default tab for HR). */
export function SpecsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const { values, page, pageSize, setFilters, setPage } = useListParams(FILTER_KEYS);
  const reviewer = can(me, 'spec.review');
  const tab = values.tab === 'todo' || values.tab === 'all' ? values.tab : reviewer ? 'todo' : 'all';
  const status = (STATUSES as string[]).includes(values.status ?? '') ? (values.status as SpecStatus) : undefined;
  const sort = asSort(SPEC_SORTS, values.sort);
  const common = { q: values.q, from: values.from, to: values.to, sort, page, pageSize };
  const list = useSpecs(tab === 'todo' ? { todo: true, ...common } : { status, ...common });
  const todo = useSpecs({ todo: true, page: 1, pageSize: 1 }, { enabled: reviewer && tab !== 'todo' });
  const pagination = useTablePagination(page, pageSize, list.data?.total, setPage);
  const [q, setQ] = useState(values.q ?? '');
  const sortable = (field: string) => ({ sorter: true, sortOrder: sortOrderOf(sort, DEFAULT_SORT, field) });
  const submit = useSubmitSpec();
  const [drawer, setDrawer] = useState<DrawerState>(null);
  const [deciding, setDeciding] = useState<Spec | null>(null);
  const mine = (s: Spec) => s.orgId === me.organisation.id && can(me, 'spec.apply');

  const columns: TableColumnsType<Spec> = [
    {
      key: 'title',
      title: t('specs.fields.title'),
      ...sortable('title'),
      render: (_, s) => (
        <Button
          type="link"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
          onClick={() => setDrawer({ mode: 'view', spec: s })}
          data-testid="spec-link"
        >
          {s.title}
        </Button>
      ),
    },
    { key: 'status', title: t('specs.fields.status'), width: 90, ...sortable('status'), render: (_, s) => <SpecStatusTag status={s.status} /> },
    { key: 'school', title: t('specs.fields.school'), width: 160, ...sortable('school'), render: (_, s) => s.orgName },
    {
      key: 'occupation',
      title: t('specs.fields.occupation'),
      width: 160,
      ...sortable('occupation'),
      render: (_, s) => (
        <Space orientation="vertical" size={0}>
          <span>{s.occupationName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.occupationCode}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'levels',
      title: t('specs.fields.levels'),
      width: 120,
      render: (_, s) => (
        <Flex gap={2} wrap>
          {s.levels.map((l) => (
            <LevelTag key={l} level={l} short />
          ))}
        </Flex>
      ),
    },
    {
      key: 'weights',
      title: t('specs.fields.weights'),
      width: 110,
      render: (_, s) => (
        <Space size={4}>
          <SumTag sum={weightSum(s.theory)} />
          <SumTag sum={weightSum(s.skills)} />
        </Space>
      ),
    },
    { key: 'updatedAt', title: t('specs.fields.updatedAt'), width: 140, ...sortable('updatedAt'), render: (_, s) => formatDateTime(s.updatedAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 140,
      fixed: 'end',
      render: (_, s) => (
        <Space size={0} wrap>
          {mine(s) && (s.status === 'draft' || s.status === 'returned') ? (
            <>
              <Button type="link" size="small" onClick={() => setDrawer({ mode: 'edit', spec: s })} data-testid="spec-edit">
                {t('common.edit')}
              </Button>
              <Popconfirm
                title={t('specs.submit')}
                okText={t('specs.submit')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  submit.mutateAsync(s.id).then(
                    () => void message.success(t('specs.submitted')),
                    () => undefined,
                  )
                }
              >
                <Button type="link" size="small" icon={<SendOutlined />} data-testid="spec-submit">
                  {t('specs.submit')}
                </Button>
              </Popconfirm>
            </>
          ) : null}
          {reviewer && s.status === 'submitted' ? (
            <Button type="link" size="small" onClick={() => setDeciding(s)} data-testid="spec-decide">
              {t('specs.decide')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const todoCount = tab === 'todo' ? list.data?.total : todo.data?.total;

  return (
    <>
      <PageHeader
        title={t('specs.title')}
        subtitle={t('specs.subtitle')}
        extra={
          can(me, 'spec.apply') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })} data-testid="spec-new">
              {t('specs.new')}
            </Button>
          ) : null
        }
      />
      <Card>
        {reviewer ? (
          <Tabs
            activeKey={tab}
            onChange={(key) => setFilters({ tab: key, status: undefined })}
            items={[
              {
                key: 'todo',
                label: (
                  <span data-testid="specs-tab-todo">
                    {t('specs.tabTodo')} <Badge count={todoCount ?? 0} size="small" />
                  </span>
                ),
              },
              { key: 'all', label: <span data-testid="specs-tab-all">{t('specs.tabAll')}</span> },
            ]}
          />
        ) : null}
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            style={{ width: 280 }}
            placeholder={t('specs.search')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => setFilters({ q: v.trim() || undefined })}
            data-testid="specs-search"
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            value={[values.from ? dayjs(values.from) : null, values.to ? dayjs(values.to) : null]}
            onChange={(r) => setFilters({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            placeholder={[t('specs.dateFrom'), t('specs.dateTo')]}
            data-testid="specs-date-range"
          />
          {tab === 'all' ? (
            <Select<SpecStatus>
              allowClear
              style={{ width: 200 }}
              placeholder={t('specs.filterStatus')}
              value={status}
              onChange={(v) => setFilters({ status: v })}
              options={STATUSES.map((s) => ({ value: s, label: t(`specStatus.${s}`) }))}
              data-testid="specs-filter-status"
            />
          ) : null}
        </Flex>
        <Table<Spec>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          // Fits the content width at 1440 px (1440 − menu − margins), so no column hides behind the fixed action column.
          scroll={{ x: 1100 }}
          onChange={(_pagination, _filters, sorter) => setFilters({ sort: sortOfChange(SPEC_SORTS, sorter) })}
          pagination={pagination}
          locale={{ emptyText: tab === 'todo' ? t('specs.todoEmpty') : t('specs.empty') }}
          data-testid="specs-table"
        />
      </Card>
      <SpecFormDrawer
        open={drawer !== null}
        spec={drawer && drawer.mode !== 'create' ? drawer.spec : undefined}
        readOnly={drawer?.mode === 'view'}
        onClose={() => setDrawer(null)}
      />
      <SpecDecisionModal spec={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}
