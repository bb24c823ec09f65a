import '@/features/marking/i18n';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { MarkingProgress, MarkRecord } from '@skillcert/shared/api/marking';
import { Alert, App, Button, Card, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { useMe } from '@/features/auth/api/get-me';
import { useMarkingProgress, useMarkRecord, useRequestRemark } from '@/features/marking/api/marking';
import { errorText } from '@/lib/api-errors';
import { can } from '@/lib/authorization';

type RecordItem = MarkRecord['items'][number];

/** A plan's marking progress for the institution: per part, candidates' items waiting / agreed / disputed / decided. */
export function MarkingProgressPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const progress = useMarkingProgress(id);
  const p = progress.data;
  return (
    <>
      <PageHeader
        title={t('marking.progressTitle')}
        subtitle={t('marking.progressSubtitle')}
        extra={
          <Link to={`/plans/${id}`}>
            <Button icon={<ArrowLeftOutlined />}>{t('marking.backToPlan')}</Button>
          </Link>
        }
      />
      {progress.error ? <Alert type="error" showIcon message={errorText(progress.error)} /> : null}
      {p ? (
        <>
          <Typography.Paragraph type="secondary">{t('marking.ratio', { markers: p.markersPerCandidate, threshold: p.thresholdPercent })}</Typography.Paragraph>
          <Table
            rowKey="partId"
            pagination={false}
            scroll={{ x: true }}
            data-testid="marking-progress"
            dataSource={p.parts}
            columns={[
              { title: t('marking.part'), key: 'kind', render: (_: unknown, r) => t(`marking.parts.${r.kind}`) },
              { title: t('marking.candidates'), dataIndex: 'candidates' },
              { title: t('marking.waiting'), key: 'waiting', render: (_: unknown, r) => r.items.waiting },
              { title: t('marking.agreed'), key: 'agreed', render: (_: unknown, r) => r.items.agreed },
              {
                title: t('marking.disputed'),
                key: 'disputed',
                render: (_: unknown, r) => <span data-testid={`progress-disputed-${r.kind}`}>{r.items.disputed}</span>,
              },
              { title: t('marking.decidedCount'), key: 'decided', render: (_: unknown, r) => r.items.decided },
              { title: t('marking.results'), dataIndex: 'resultsWritten' },
              { title: t('marking.openRemarks'), dataIndex: 'openRemarks' },
            ]}
          />
          <MarkRecordCard planId={id} progress={p} />
        </>
      ) : null}
    </>
  );
}

/** The whole mark record: every candidate's item, its marks, decisions and re-marks; the institution asks for a re-mark. */
function MarkRecordCard({ planId, progress }: { planId: string; progress: MarkingProgress }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const record = useMarkRecord(planId);
  const [remarking, setRemarking] = useState<RecordItem | null>(null);
  const mayRemark = can(me, 'marking.manage');
  const positions = new Map<string, number>();
  for (const i of record.data?.items ?? []) if (!positions.has(`${i.enrolmentId}:${i.itemId}`)) positions.set(`${i.enrolmentId}:${i.itemId}`, positions.size);
  return (
    <Card size="small" title={t('marking.record')} style={{ marginTop: 16 }}>
      {record.error ? <Alert type="error" showIcon message={errorText(record.error)} /> : null}
      <Table
        size="small"
        rowKey={(r) => `${r.partId}:${r.enrolmentId}:${r.itemId}`}
        scroll={{ x: true }}
        data-testid="mark-record"
        loading={record.isLoading}
        dataSource={record.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('marking.examNumber'), dataIndex: 'examNumber' },
          { title: t('marking.part'), key: 'part', render: (_: unknown, r: RecordItem) => t(`marking.parts.${r.partKind}`) },
          { title: t('marking.maxCol'), dataIndex: 'points' },
          {
            title: t('marking.status'),
            key: 'status',
            render: (_: unknown, r: RecordItem) => (
              <Tag color={r.status === 'disputed' ? 'red' : r.status === 'waiting' ? 'orange' : 'green'}>{t(`marking.statuses.${r.status}`)}</Tag>
            ),
          },
          { title: t('marking.finalScore'), key: 'final', render: (_: unknown, r: RecordItem) => r.final ?? '–' },
          {
            title: t('marking.marksCol'),
            key: 'marks',
            render: (_: unknown, r: RecordItem) => (
              <Space direction="vertical" size={0}>
                {r.marks.map((m) => (
                  <span key={`${m.examinerName}:${m.round}`}>
                    {m.examinerName}：{m.total}
                    {m.round === 'remark' ? `（${t('marking.rounds.remark')}）` : ''}
                    {m.source === 'paper' ? `（${t('marking.source.paper')}）` : ''}
                  </span>
                ))}
              </Space>
            ),
          },
          {
            title: t('marking.decisionsCol'),
            key: 'decisions',
            render: (_: unknown, r: RecordItem) => (
              <Space direction="vertical" size={0}>
                {r.decisions.map((d) => (
                  <span key={d.kind}>
                    {t(`marking.decisionKinds.${d.kind}`)} {d.score}（{d.decidedBy}：{d.reason}）
                  </span>
                ))}
              </Space>
            ),
          },
          ...(mayRemark
            ? [
                {
                  title: '',
                  key: 'remark',
                  render: (_: unknown, r: RecordItem) =>
                    r.final !== null ? (
                      <Button size="small" onClick={() => setRemarking(r)} data-testid={`remark-${r.examNumber}`}>
                        {t('marking.remark')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {remarking ? (
        <RemarkModal
          planId={planId}
          item={remarking}
          position={(positions.get(`${remarking.enrolmentId}:${remarking.itemId}`) ?? 0) + 1}
          examiners={progress.examiners}
          onClose={() => setRemarking(null)}
        />
      ) : null}
    </Card>
  );
}

function RemarkModal({
  planId,
  item,
  position,
  examiners,
  onClose,
}: {
  planId: string;
  item: RecordItem;
  position: number;
  examiners: MarkingProgress['examiners'];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const request = useRequestRemark(planId);
  const involved = new Set([...item.marks.map((m) => m.examinerName), ...item.decisions.map((d) => d.decidedBy)]);
  const [examinerId, setExaminerId] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  return (
    <Modal
      open
      title={t('marking.remarkTitle', { examNumber: item.examNumber, position })}
      onCancel={onClose}
      okButtonProps={{ disabled: !examinerId || !reason.trim(), loading: request.isPending }}
      onOk={() =>
        request.mutate(
          { enrolmentId: item.enrolmentId, partId: item.partId, itemId: item.itemId, examinerId: examinerId!, reason: reason.trim() },
          {
            onSuccess: () => {
              void message.success(t('marking.remarkSent'));
              onClose();
            },
          },
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>{t('marking.remarkExaminer')}</Typography.Text>
        <Select
          style={{ width: '100%' }}
          value={examinerId}
          onChange={setExaminerId}
          options={examiners.filter((e) => !involved.has(e.displayName)).map((e) => ({ value: e.userId, label: `${e.displayName}（${e.certificateNo}）` }))}
        />
        <Input.TextArea
          aria-label={t('marking.remarkWhy')}
          placeholder={t('marking.remarkWhy')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={2000}
        />
        {request.error ? <Alert type="error" showIcon message={errorText(request.error)} /> : null}
      </Space>
    </Modal>
  );
}
