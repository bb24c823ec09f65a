import type { ReportLine, ReportPlan, ReportStatus } from '@skillcert/shared/api/reporting';
import { App, Button, Card, Flex, Input, Modal, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DownloadButton } from '@/components/download-button';
import { useCorrect, useReportBatches, useReportLines, useReportPlans, useSubmitBatch } from '@/features/reporting/api/reporting';
import { DeadlineTag, ReportStatusTag } from '@/features/reporting/components/reporting-tags';
import { reportError } from '@/lib/error-reporting';

const PAGE_SIZE = 20;
const STATUSES: ReportStatus[] = ['pending', 'submitted', 'rejected', 'resubmitted', 'accepted'];

/** The plans with certificates: counts per report status, the deadline, and "submit batch". */
function PlansCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const plans = useReportPlans();
  const submit = useSubmitBatch();
  return (
    <Card title={t('reporting.plans')} data-testid="reporting-plans">
      <Table<ReportPlan>
        rowKey="planId"
        size="small"
        loading={plans.isPending}
        dataSource={plans.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('reporting.plan'), dataIndex: 'title' },
          { title: t('reporting.publicityClosed'), dataIndex: 'publicityClosedOn', width: 120 },
          { title: t('reporting.dueOn'), key: 'due', width: 200, render: (_, p) => <DeadlineTag state={p.deadline} dueOn={p.dueOn} /> },
          {
            title: t('reporting.counts'),
            key: 'counts',
            render: (_, p) => (
              <Space wrap size={4}>
                {STATUSES.filter((s) => (p.counts[s] ?? 0) > 0).map((s) => (
                  <span key={s}>
                    <ReportStatusTag status={s} />
                    {p.counts[s]}
                  </span>
                ))}
                {p.revoked ? <Tag>{t('reporting.revoked', { n: p.revoked })}</Tag> : null}
              </Space>
            ),
          },
          {
            title: '',
            key: 'actions',
            width: 120,
            render: (_, p) => (
              <Button
                type="primary"
                size="small"
                disabled={p.open === 0}
                loading={submit.isPending && submit.variables?.planId === p.planId}
                data-testid="submit-batch"
                onClick={() =>
                  submit.mutate(
                    { planId: p.planId },
                    { onError: reportError, onSuccess: (b) => void message.success(t('reporting.submitted', { n: b.certificateCount, bureau: b.hrOrgName })) },
                  )
                }
              >
                {t('reporting.submit')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

function History({ line }: { line: ReportLine }) {
  const { t } = useTranslation();
  return (
    <Timeline
      items={line.history.map((h) => ({
        children: (
          <Typography.Text>
            {h.at.slice(0, 16).replace('T', ' ')} · {t(`reporting.statuses.${h.to as ReportStatus}`)} {h.by ? `· ${h.by}` : ''} {h.note ? `· ${h.note}` : ''}
          </Typography.Text>
        ),
      }))}
    />
  );
}

/** Each certificate's report status; a returned one shows its reason and is corrected here. */
function LinesCard() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ReportStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const lines = useReportLines({ status, page, pageSize: PAGE_SIZE });
  const correct = useCorrect();
  const [editing, setEditing] = useState<ReportLine | null>(null);
  const [note, setNote] = useState('');
  return (
    <Card
      title={t('reporting.certificates')}
      style={{ marginTop: 16 }}
      extra={
        <Select<ReportStatus | 'all'>
          style={{ width: 160 }}
          value={status ?? 'all'}
          data-testid="report-status-filter"
          onChange={(v) => {
            setStatus(v === 'all' ? undefined : v);
            setPage(1);
          }}
          options={[{ value: 'all', label: t('reporting.statusAll') }, ...STATUSES.map((s) => ({ value: s, label: t(`reporting.statuses.${s}`) }))]}
        />
      }
    >
      <Table<ReportLine>
        rowKey="certificateId"
        size="small"
        loading={lines.isPending}
        dataSource={lines.data?.items ?? []}
        expandable={{ expandedRowRender: (l) => <History line={l} />, rowExpandable: (l) => l.history.length > 0 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: lines.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('reporting.number'), dataIndex: 'number', width: 210 },
          { title: t('reporting.holder'), dataIndex: 'holderName', width: 90 },
          { title: t('reporting.plan'), dataIndex: 'planTitle' },
          {
            title: t('reporting.status'),
            key: 'status',
            render: (_, l) => (
              <Space wrap size={4}>
                <ReportStatusTag status={l.status} />
                {l.certificateStatus === 'revoked' ? <Tag color="red">{t('reporting.certificateRevoked')}</Tag> : null}
                {l.nationalStatus !== 'none' ? <Tag>{t(`reporting.national.${l.nationalStatus}`)}</Tag> : null}
                {l.status === 'rejected' && l.correctionNote ? <Tag color="blue">{t('reporting.corrected')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('reporting.dueOn'), key: 'due', width: 190, render: (_, l) => <DeadlineTag state={l.deadline} dueOn={l.dueOn} /> },
          {
            title: t('reporting.reason'),
            key: 'reason',
            render: (_, l) => (
              <Flex vertical>
                {l.reason ? (
                  <Typography.Text type="danger" data-testid="report-reason">
                    {l.reason}
                  </Typography.Text>
                ) : null}
                {l.correctionNote ? <Typography.Text type="secondary">{`${t('reporting.correctionNote')}：${l.correctionNote}`}</Typography.Text> : null}
              </Flex>
            ),
          },
          {
            title: '',
            key: 'actions',
            width: 90,
            render: (_, l) =>
              l.status === 'rejected' && l.certificateStatus === 'valid' ? (
                <Button
                  size="small"
                  data-testid="report-correct"
                  onClick={() => {
                    setEditing(l);
                    setNote(l.correctionNote ?? '');
                  }}
                >
                  {t('reporting.correct')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing ? t('reporting.correctTitle', { number: editing.number }) : ''}
        okButtonProps={{ disabled: note.trim().length < 2, loading: correct.isPending, 'data-testid': 'correct-ok' }}
        onCancel={() => setEditing(null)}
        onOk={() =>
          editing && correct.mutate({ certificateId: editing.certificateId, note: note.trim() }, { onError: reportError, onSuccess: () => setEditing(null) })
        }
      >
        <Typography.Paragraph type="secondary">{t('reporting.correctHint')}</Typography.Paragraph>
        {editing?.reason ? <Typography.Paragraph type="danger">{editing.reason}</Typography.Paragraph> : null}
        <Input.TextArea rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} data-testid="correct-note" />
      </Modal>
    </Card>
  );
}

/** The batches sent, each with its 认定结果汇总表. */
function SentBatchesCard() {
  const { t } = useTranslation();
  const batches = useReportBatches(undefined);
  return (
    <Card title={t('reporting.batches')} style={{ marginTop: 16 }}>
      <Table
        rowKey="id"
        size="small"
        loading={batches.isPending}
        dataSource={batches.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('reporting.plan'), dataIndex: 'planTitle' },
          { title: t('reporting.submittedAt'), key: 'at', width: 150, render: (_, b) => b.submittedAt.slice(0, 16).replace('T', ' ') },
          { title: '', key: 'kind', width: 100, render: (_, b) => t(`reporting.batchKind.${b.kind}`) },
          { title: t('reporting.certificateCount'), dataIndex: 'certificateCount', width: 80 },
          { title: t('reporting.returnedCount'), dataIndex: 'returnedCount', width: 80 },
          { title: '', key: 'status', width: 100, render: (_, b) => <Tag>{t(`reporting.batchStatus.${b.status}`)}</Tag> },
          {
            title: '',
            key: 'summary',
            width: 200,
            render: (_, b) => (
              <DownloadButton size="small" path={`/api/reporting/batches/${b.id}/summary.xlsx`} fallbackName="summary.xlsx">
                {t('reporting.summary')}
              </DownloadButton>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function InstitutionReporting() {
  return (
    <>
      <PlansCard />
      <LinesCard />
      <SentBatchesCard />
    </>
  );
}
