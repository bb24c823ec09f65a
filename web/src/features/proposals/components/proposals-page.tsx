import { PlusOutlined } from '@ant-design/icons';
import type { Proposal } from '@skillcert/shared/api/specs';
import { Button, Card, Descriptions, Table, type TableColumnsType, Typography } from 'antd';
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

/** 专项能力开发: a school proposes items for majors without an occupation; HR approves them into the province catalog. */
export function ProposalsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const list = useProposals();
  const [creating, setCreating] = useState(false);
  const [deciding, setDeciding] = useState<Proposal | null>(null);
  const reviewer = can(me, 'special_item.review');

  const columns: TableColumnsType<Proposal> = [
    { key: 'name', title: t('proposals.fields.name'), width: 220, render: (_, p) => <span data-testid="proposal-row-name">{p.name}</span> },
    { key: 'school', title: t('proposals.fields.school'), width: 220, render: (_, p) => p.orgName },
    { key: 'major', title: t('proposals.fields.major'), width: 120, render: (_, p) => <Typography.Text code>{p.majorCode}</Typography.Text> },
    { key: 'status', title: t('proposals.fields.status'), width: 110, render: (_, p) => <ProposalStatusTag status={p.status} /> },
    {
      key: 'reviewNote',
      title: t('proposals.fields.reviewNote'),
      render: (_, p) => p.reviewNote ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
    },
    { key: 'createdAt', title: t('proposals.fields.createdAt'), width: 170, render: (_, p) => formatDateTime(p.createdAt) },
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
        <Table<Proposal>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data ?? []}
          loading={list.isFetching}
          scroll={{ x: 1100 }}
          expandable={{ expandedRowRender: (p) => <ProposalDetail p={p} /> }}
          locale={{ emptyText: t('proposals.empty') }}
          data-testid="proposals-table"
        />
      </Card>
      <ProposalFormDrawer open={creating} onClose={() => setCreating(false)} />
      <ProposalDecisionModal proposal={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}
