import { EditOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import type { Filing, FilingStatus } from '@skillcert/shared/api/filings';
import { FILING_SORTS, FILING_STATUSES } from '@skillcert/shared/api/filings';
import { Badge, Button, Card, DatePicker, Flex, Input, Select, Space, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useFilings } from '@/features/filings/api/get-filings';
import { FilingStatusTag } from '@/features/filings/components/filing-status-tag';
import { scopeLineText } from '@/features/filings/components/scope-line-text';
import { can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useListParams } from '@/lib/search-params';
import { asSort, sortOfChange, sortOrderOf } from '@/lib/table-sort';
import { useTablePagination } from '@/lib/table-pagination';

const FILTER_KEYS = ['tab', 'status', 'orgId', 'q', 'from', 'to', 'sort'] as const;
type Tab = 'todo' | 'all';

function asStatus(v: string | undefined): FilingStatus | undefined {
  return (FILING_STATUSES as readonly string[]).includes(v ?? '') ? (v as FilingStatus) : undefined;
}

/**
 * 备案申请: "waiting for me" (the server's to-do: filings where I have an allowed action; the default for reviewers)
 * and "all" in my scope with a status filter. Schools start new applications here.
 */
export function FilingsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { values, page, pageSize, setFilters, setPage } = useListParams(FILTER_KEYS);
  const reviewer = can(me, 'filing.review');
  const tab: Tab = values.tab === 'todo' || values.tab === 'all' ? values.tab : reviewer ? 'todo' : 'all';
  const status = asStatus(values.status);
  const sort = asSort(FILING_SORTS, values.sort);
  const common = { orgId: values.orgId, q: values.q, from: values.from, to: values.to, sort, page, pageSize };
  const list = useFilings(tab === 'todo' ? { todo: true, ...common } : { status, ...common });
  const [q, setQ] = useState(values.q ?? '');
  const pagination = useTablePagination(page, pageSize, list.data?.total, setPage);
  // The tab's badge: how many are waiting (one cheap request, only while looking at "all").
  const todoCount = useFilings({ todo: true, page: 1, pageSize: 1 }, { enabled: tab === 'all' });
  const waiting = tab === 'todo' ? list.data?.total : todoCount.data?.total;
  // A school with an application still in its hands (draft or returned) continues it instead of starting another.
  const applicant = can(me, 'filing.apply');
  const drafts = useFilings({ status: 'draft', page: 1, pageSize: 1 }, { enabled: applicant });
  const returned = useFilings({ status: 'returned', page: 1, pageSize: 1 }, { enabled: applicant });
  const openDraft = returned.data?.items[0] ?? drafts.data?.items[0];

  const columns: TableColumnsType<Filing> = [
    {
      key: 'school',
      title: t('filings.fields.school'),
      width: 220,
      sorter: true,
      sortOrder: sortOrderOf(sort, '-updatedAt', 'school'),
      render: (_, f) => (
        <Link to={`/filings/${f.id}`} data-testid="filing-link">
          {f.orgName}
        </Link>
      ),
    },
    {
      key: 'type',
      title: t('filings.fields.type'),
      width: 150,
      render: (_, f) => (
        <Space orientation="vertical" size={0}>
          <span>{t(`filingKinds.${f.kind}`)}</span>
          <Tag color={f.type === 'expansion' ? 'purple' : 'default'}>{t(`filingTypes.${f.type}`)}</Tag>
        </Space>
      ),
    },
    {
      key: 'scope',
      title: t('filings.fields.scope'),
      render: (_, f) =>
        f.scope.length ? (
          <Flex gap={4} wrap>
            {f.scope.map((l, i) => (
              <Tag key={i}>{scopeLineText(l, t)}</Tag>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
    {
      key: 'status',
      title: t('filings.fields.status'),
      width: 110,
      sorter: true,
      sortOrder: sortOrderOf(sort, '-updatedAt', 'status'),
      render: (_, f) => <FilingStatusTag status={f.status} data-testid="filing-row-status" />,
    },
    {
      key: 'submittedAt',
      title: t('filings.fields.submittedAt'),
      width: 160,
      sorter: true,
      sortOrder: sortOrderOf(sort, '-updatedAt', 'submittedAt'),
      render: (_, f) => (f.submittedAt ? formatDateTime(f.submittedAt) : <Typography.Text type="secondary">{t('common.none')}</Typography.Text>),
    },
    {
      key: 'updatedAt',
      title: t('filings.fields.updatedAt'),
      width: 160,
      sorter: true,
      sortOrder: sortOrderOf(sort, '-updatedAt', 'updatedAt'),
      render: (_, f) => formatDateTime(f.updatedAt),
    },
    {
      // Only rows that need something from me get a button; the school name links to every row.
      key: 'actions',
      title: t('common.actions'),
      width: 170,
      fixed: 'end',
      render: (_, f) => {
        const next = f.allowedActions.find((a) => a !== 'return' && a !== 'reject') ?? f.allowedActions[0];
        if (!next) return null;
        const editing = next === 'submit';
        return (
          <Link to={editing ? `/filings/${f.id}/edit` : `/filings/${f.id}`}>
            <Button type="primary" size="small" icon={editing ? <EditOutlined /> : <RightOutlined />} data-testid="filing-row-action" data-action={next}>
              {t(`filingActions.${next}`)}
            </Button>
          </Link>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t('filings.title')}
        subtitle={t('filings.subtitle')}
        extra={
          !applicant || drafts.isPending || returned.isPending ? null : openDraft ? (
            <Link to={`/filings/${openDraft.id}/edit`}>
              <Button type="primary" icon={<EditOutlined />} title={t('usability.openDraftExists')} data-testid="filing-continue-draft">
                {t('usability.continueDraft')}
              </Button>
            </Link>
          ) : (
            <Link to="/filings/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="filing-new">
                {t('filings.new')}
              </Button>
            </Link>
          )
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
                <span data-testid="filings-tab-todo">
                  {t('filings.tabTodo')} <Badge count={waiting ?? 0} showZero={false} size="small" />
                </span>
              ),
            },
            { key: 'all', label: <span data-testid="filings-tab-all">{t('filings.tabAll')}</span> },
          ]}
        />
        {values.orgId ? (
          <Flex style={{ marginBottom: 12 }}>
            <Tag closable onClose={() => setFilters({ orgId: undefined })} data-testid="filings-filter-org">
              {list.data?.items[0]?.orgName ?? t('filings.fields.school')}
            </Tag>
          </Flex>
        ) : null}
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            style={{ width: 260 }}
            placeholder={t('usability.searchSchool')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => setFilters({ q: v.trim() || undefined })}
            data-testid="filings-search"
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            value={[values.from ? dayjs(values.from) : null, values.to ? dayjs(values.to) : null]}
            onChange={(range) => setFilters({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
            placeholder={[t('usability.changedFrom'), t('usability.changedTo')]}
            data-testid="filings-date-range"
          />
          {tab === 'all' ? (
            <Select<FilingStatus>
              allowClear
              style={{ width: 200 }}
              placeholder={t('filings.filterStatus')}
              value={status}
              onChange={(v) => setFilters({ status: v })}
              options={FILING_STATUSES.map((s) => ({ value: s, label: t(`filingStatus.${s}`) }))}
              data-testid="filings-filter-status"
            />
          ) : null}
        </Flex>
        <Table<Filing>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          // Fits the content width at 1440 px (1440 − menu − margins), so no column hides behind the fixed action column.
          scroll={{ x: 1100 }}
          onChange={(_pagination, _filters, sorter) => setFilters({ sort: sortOfChange(FILING_SORTS, sorter) })}
          locale={tab === 'todo' ? { emptyText: t('filings.todoEmpty') } : undefined}
          pagination={pagination}
          data-testid="filings-table"
        />
      </Card>
    </>
  );
}
