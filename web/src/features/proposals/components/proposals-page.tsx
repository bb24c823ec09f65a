import { PlusOutlined } from '@ant-design/icons';
import type { Proposal, ProposalStatus } from '@skillcert/shared/api/specs';
import { PROPOSAL_SORTS, ProposalStatus as ProposalStatusEnum } from '@skillcert/shared/api/specs';
import { Badge, Button, Card, DatePicker, Descriptions, Flex, Input, Select, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { AttachmentList } from '@/features/attachments/components/attachment-list';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useProposals } from '@/features/proposals/api/get-proposals';
import { ProposalDecisionModal } from '@/features/proposals/components/proposal-decision-modal';
import { ProposalFormDrawer } from '@/features/proposals/components/proposal-form-drawer';
import { ProposalStatusTag } from '@/features/proposals/components/proposal-status-tag';
import { can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useListParams } from '@/lib/search-params';
import { useTablePagination } from '@/lib/table-pagination';
import { asSort, sortOfChange, sortOrderOf } from '@/lib/table-sort';

const FILTER_KEYS = ['tab', 'status', 'q', 'from', 'to', 'sort'] as const;
const DEFAULT_SORT = '-createdAt';

function ProposalDetail({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        {
          key: 'standard',
          label: t('proposals.fields.standard'),
          children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{p.standard}</Typography.Paragraph>,
        },
        {
          key: 'outline',
          label: t('proposals.fields.outline'),
          children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{p.outline}</Typography.Paragraph>,
        },
        { key: 'attachment', label: t('proposals.fields.attachment'), children: <AttachmentList ids={p.attachmentId ? [p.attachmentId] : []} /> },
      ]}
    />
  );
}

/**
 * 专项能力开发: a school proposes items for majors without an occupation; HR approves them into the province catalog
 * ("待我审核" is the default tab for HR).
 */
export function ProposalsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { values, page, pageSize, setFilters, setPage } = useListParams(FILTER_KEYS);
  const reviewer = can(me, 'special_item.review');
  const tab = values.tab === 'todo' || values.tab === 'all' ? values.tab : reviewer ? 'todo' : 'all';
  const status = asSort(ProposalStatusEnum.options, values.status);
  const sort = asSort(PROPOSAL_SORTS, values.sort);
  const common = { q: values.q, from: values.from, to: values.to, sort, page, pageSize };
  const list = useProposals(tab === 'todo' ? { todo: true, ...common } : { status, ...common });
  const todo = useProposals({ todo: true, page: 1, pageSize: 1 }, { enabled: reviewer && tab !== 'todo' });
  const todoCount = tab === 'todo' ? list.data?.total : todo.data?.total;
  const pagination = useTablePagination(page, pageSize, list.data?.total, setPage);
  const [q, setQ] = useState(values.q ?? '');
  const sortable = (field: string) => ({ sorter: true, sortOrder: sortOrderOf(sort, DEFAULT_SORT, field) });
  const [creating, setCreating] = useState(false);
  const [deciding, setDeciding] = useState<Proposal | null>(null);

  const columns: TableColumnsType<Proposal> = [
    {
      key: 'name',
      title: t('proposals.fields.name'),
      width: 220,
      ...sortable('name'),
      render: (_, p) => <span data-testid="proposal-row-name">{p.name}</span>,
    },
    { key: 'school', title: t('proposals.fields.school'), width: 200, ...sortable('school'), render: (_, p) => p.orgName },
    {
      key: 'major',
      title: t('proposals.fields.major'),
      width: 120,
      ...sortable('major'),
      render: (_, p) => <Typography.Text code>{p.majorCode}</Typography.Text>,
    },
    { key: 'status', title: t('proposals.fields.status'), width: 100, ...sortable('status'), render: (_, p) => <ProposalStatusTag status={p.status} /> },
    {
      key: 'reviewNote',
      title: t('proposals.fields.reviewNote'),
      render: (_, p) => p.reviewNote ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
    },
    { key: 'createdAt', title: t('proposals.fields.createdAt'), width: 150, ...sortable('createdAt'), render: (_, p) => formatDateTime(p.createdAt) },
  ];
  if (reviewer) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      fixed: 'end',
      render: (_, p) =>
        p.status === 'submitted' ? (
          <Button type="link" size="small" onClick={() => setDeciding(p)} data-testid="proposal-decide">
            {t('proposals.decide')}
          </Button>
        ) : null,
    });
  }

  return (
    <>
      <PageHeader
        title={t('proposals.title')}
        subtitle={t('proposals.subtitle')}
        extra={
          can(me, 'special_item.propose') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="proposal-new">
              {t('proposals.new')}
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
                  <span data-testid="proposals-tab-todo">
                    {t('proposals.tabTodo')} <Badge count={todoCount ?? 0} size="small" />
                  </span>
                ),
              },
              { key: 'all', label: <span data-testid="proposals-tab-all">{t('proposals.tabAll')}</span> },
            ]}
          />
        ) : null}
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            style={{ width: 280 }}
            placeholder={t('proposals.search')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => setFilters({ q: v.trim() || undefined })}
            data-testid="proposals-search"
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            value={[values.from ? dayjs(values.from) : null, values.to ? dayjs(values.to) : null]}
            onChange={(r) => setFilters({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            placeholder={[t('proposals.dateFrom'), t('proposals.dateTo')]}
            data-testid="proposals-date-range"
          />
          {tab === 'all' ? (
            <Select<ProposalStatus>
              allowClear
              style={{ width: 200 }}
              placeholder={t('proposals.filterStatus')}
              value={status}
              onChange={(v) => setFilters({ status: v })}
              options={ProposalStatusEnum.options.map((s) => ({ value: s, label: t(`proposalStatus.${s}`) }))}
              data-testid="proposals-filter-status"
            />
          ) : null}
        </Flex>
        <Table<Proposal>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          // Fits the content width at 1440 px (1440 − menu − margins), so no column hides behind the fixed action column.
          scroll={{ x: 1100 }}
          onChange={(_pagination, _filters, sorter) => setFilters({ sort: sortOfChange(PROPOSAL_SORTS, sorter) })}
          pagination={pagination}
          expandable={{ expandedRowRender: (p) => <ProposalDetail p={p} /> }}
          locale={{ emptyText: tab === 'todo' ? t('proposals.todoEmpty') : t('proposals.empty') }}
          data-testid="proposals-table"
        />
      </Card>
      <ProposalFormDrawer open={creating} onClose={() => setCreating(false)} />
      <ProposalDecisionModal proposal={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}
