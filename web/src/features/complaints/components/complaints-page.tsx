import { COMPLAINT_STATUSES_UI } from '@/features/complaints/components/statuses';
import type { ComplaintStatus, ComplaintView } from '@skillcert/shared/api/complaints';
import { Button, Card, Checkbox, Descriptions, Drawer, Flex, Input, Select, Table, type TableColumnsType, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { useAssignees, useComplaint, useComplaints, useComplaintStep } from '@/features/complaints/api/complaints';
import { reportError } from '@/lib/error-reporting';
import { formatDateTime } from '@/lib/format';
import { useListParams } from '@/lib/search-params';
import { useTablePagination } from '@/lib/table-pagination';

const FILTER_KEYS = ['status', 'mine'] as const;
const COLORS: Record<ComplaintStatus, string> = { new: 'red', assigned: 'orange', investigating: 'blue', answered: 'green', closed: 'default' };

function StatusTag({ status }: { status: ComplaintStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-status={status}>
      {t(`complaintsAdmin.statuses.${status}`)}
    </Tag>
  );
}

/** One complaint: the complainant, evidence, assignment, investigation notes, the answer, closing. */
function ComplaintDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useComplaint(id);
  const assignees = useAssignees(id);
  const step = useComplaintStep(id);
  const [assignee, setAssignee] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [answer, setAnswer] = useState('');
  const c = q.data;
  const run = (s: Parameters<typeof step.mutate>[0], done?: () => void) => step.mutate(s, { onError: reportError, onSuccess: () => done?.() });
  return (
    <Drawer open size="large" title={c ? `${t('complaintsAdmin.trackingCode')} ${c.trackingCode}` : ''} onClose={onClose} data-testid="complaint-drawer">
      {c ? (
        <Flex vertical gap={16}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('complaintsAdmin.status')}>
              <StatusTag status={c.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('complaintsAdmin.institution')}>{c.institutionName}</Descriptions.Item>
            <Descriptions.Item label={t('complaintsAdmin.matter')}>{c.matter}</Descriptions.Item>
            <Descriptions.Item label={t('complaintsAdmin.complainant')}>
              {c.name} · {c.contact}
            </Descriptions.Item>
            <Descriptions.Item label={t('complaintsAdmin.evidence')}>
              {c.evidence.length
                ? c.evidence.map((e) => (
                    <div key={e.id}>
                      <Typography.Link href={`/api/complaints/${c.id}/evidence/${e.id}`}>{e.filename}</Typography.Link>
                    </div>
                  ))
                : t('complaintsAdmin.noEvidence')}
            </Descriptions.Item>
            <Descriptions.Item label={t('complaintsAdmin.assignee')}>{c.assigneeName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('complaintsAdmin.createdAt')}>{formatDateTime(c.createdAt)}</Descriptions.Item>
          </Descriptions>
          {c.status === 'new' || c.status === 'assigned' || c.status === 'investigating' ? (
            <Flex gap={8}>
              <Select
                style={{ width: 320 }}
                placeholder={t('complaintsAdmin.assignTo')}
                value={assignee}
                onChange={setAssignee}
                options={(assignees.data ?? []).map((a) => ({ value: a.id, label: `${a.displayName}（${a.orgName}）` }))}
                data-testid="complaint-assignee"
              />
              <Button
                disabled={!assignee}
                loading={step.isPending}
                onClick={() => assignee && run({ kind: 'assign', userId: assignee })}
                data-testid="complaint-assign"
              >
                {t('complaintsAdmin.assign')}
              </Button>
            </Flex>
          ) : null}
          <div>
            <Typography.Title level={5}>{t('complaintsAdmin.notes')}</Typography.Title>
            <Timeline items={c.notes.map((n) => ({ children: `${formatDateTime(n.at)} ${n.byName}：${n.text}` }))} />
            {c.status === 'assigned' || c.status === 'investigating' ? (
              <Flex gap={8}>
                <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={4000} data-testid="complaint-note" />
                <Button disabled={!note.trim()} onClick={() => run({ kind: 'notes', text: note }, () => setNote(''))} data-testid="complaint-add-note">
                  {t('complaintsAdmin.addNote')}
                </Button>
              </Flex>
            ) : null}
          </div>
          <div>
            <Typography.Title level={5}>{t('complaintsAdmin.answer')}</Typography.Title>
            {c.answer ? <Typography.Paragraph data-testid="complaint-answer-text">{c.answer}</Typography.Paragraph> : null}
            {c.status === 'assigned' || c.status === 'investigating' ? (
              <Flex vertical gap={8}>
                <Input.TextArea
                  rows={4}
                  value={answer}
                  maxLength={4000}
                  placeholder={t('complaintsAdmin.answerPlaceholder')}
                  onChange={(e) => setAnswer(e.target.value)}
                  data-testid="complaint-answer-input"
                />
                <Button type="primary" disabled={answer.trim().length < 5} onClick={() => run({ kind: 'answer', answer })} data-testid="complaint-send-answer">
                  {t('complaintsAdmin.sendAnswer')}
                </Button>
              </Flex>
            ) : null}
            {c.status === 'answered' ? (
              <Button onClick={() => run({ kind: 'close' })} data-testid="complaint-close">
                {t('complaintsAdmin.close')}
              </Button>
            ) : null}
          </div>
        </Flex>
      ) : null}
    </Drawer>
  );
}

/** 投诉处理: HR's queue of complaints about the institutions of its region. */
export function ComplaintsPage() {
  const { t } = useTranslation();
  const { values, page, pageSize, setFilters, setPage } = useListParams(FILTER_KEYS, 20);
  const status = COMPLAINT_STATUSES_UI.find((s) => s === values.status);
  const list = useComplaints({ status, mine: values.mine === 'true' ? 'true' : undefined, page, pageSize });
  const pagination = useTablePagination(page, pageSize, list.data?.total, setPage);
  const [open, setOpen] = useState<string | null>(null);
  const columns: TableColumnsType<ComplaintView> = [
    { key: 'code', title: t('complaintsAdmin.trackingCode'), width: 130, render: (_, c) => <Typography.Text code>{c.trackingCode}</Typography.Text> },
    { key: 'status', title: t('complaintsAdmin.status'), width: 100, render: (_, c) => <StatusTag status={c.status} /> },
    { key: 'institution', title: t('complaintsAdmin.institution'), render: (_, c) => c.institutionName },
    { key: 'matter', title: t('complaintsAdmin.matter'), ellipsis: true, render: (_, c) => c.matter },
    { key: 'assignee', title: t('complaintsAdmin.assignee'), render: (_, c) => c.assigneeName ?? '—' },
    { key: 'at', title: t('complaintsAdmin.createdAt'), width: 170, render: (_, c) => formatDateTime(c.createdAt) },
    {
      key: 'open',
      width: 90,
      render: (_, c) => (
        <Button size="small" onClick={() => setOpen(c.id)} data-testid="complaint-open">
          {t('complaintsAdmin.open')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('complaintsAdmin.title')} subtitle={t('complaintsAdmin.subtitle')} />
      <Card>
        <Flex gap={12} style={{ marginBottom: 16 }} align="center">
          <Select
            allowClear
            style={{ width: 180 }}
            placeholder={t('complaintsAdmin.status')}
            value={status}
            onChange={(v) => setFilters({ status: v })}
            options={COMPLAINT_STATUSES_UI.map((s) => ({ value: s, label: t(`complaintsAdmin.statuses.${s}`) }))}
            data-testid="complaints-status"
          />
          <Checkbox checked={values.mine === 'true'} onChange={(e) => setFilters({ mine: e.target.checked ? 'true' : undefined })}>
            {t('complaintsAdmin.mine')}
          </Checkbox>
        </Flex>
        <Table<ComplaintView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={pagination}
          data-testid="complaints-table"
        />
      </Card>
      {open ? <ComplaintDrawer id={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
