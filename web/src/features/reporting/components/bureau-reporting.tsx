import type { AnswerImportReport, ReportBatch } from '@skillcert/shared/api/reporting';
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Input, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DownloadButton } from '@/components/download-button';
import { downloadNationalUpload, useImportAnswer, useReportBatch, useReportBatches, useReportTodo, useReviewBatch } from '@/features/reporting/api/reporting';
import { DeadlineTag, ReportStatusTag } from '@/features/reporting/components/reporting-tags';
import { reportError } from '@/lib/error-reporting';
import { readFileAsBase64, saveBlob } from '@/lib/files';

/** One batch: accept, returning the ticked certificates with their reasons. */
function ReviewModal({ batchId, onClose }: { batchId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const batch = useReportBatch(batchId);
  const review = useReviewBatch();
  const [returns, setReturns] = useState<Record<string, string>>({});
  const ticked = Object.keys(returns);
  const ready = ticked.every((id) => (returns[id] ?? '').trim().length >= 2);
  return (
    <Modal
      open
      width={900}
      title={t('reporting.reviewTitle', { plan: batch.data?.planTitle ?? '' })}
      onCancel={onClose}
      okText={t('reporting.confirmReview', { n: ticked.length })}
      okButtonProps={{ disabled: !batch.data || !ready, loading: review.isPending, 'data-testid': 'review-confirm' }}
      onOk={() =>
        review.mutate(
          { batchId, returns: ticked.map((certificateId) => ({ certificateId, reason: returns[certificateId]!.trim() })) },
          {
            onError: reportError,
            onSuccess: (b) => {
              void message.success(
                t('reporting.reviewed', { accepted: b.certificates.filter((c) => c.status === 'accepted').length, returned: b.returnedCount }),
              );
              onClose();
            },
          },
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('reporting.reviewHint')}</Typography.Paragraph>
      <Space style={{ marginBottom: 8 }}>
        <DownloadButton size="small" path={`/api/reporting/batches/${batchId}/summary.xlsx`} fallbackName="summary.xlsx">
          {t('reporting.summary')}
        </DownloadButton>
      </Space>
      <Table
        rowKey="certificateId"
        size="small"
        loading={batch.isPending}
        dataSource={batch.data?.certificates ?? []}
        pagination={false}
        columns={[
          { title: t('reporting.number'), dataIndex: 'number', width: 210 },
          { title: t('reporting.holder'), dataIndex: 'holderName', width: 90 },
          { title: t('reporting.status'), key: 'status', width: 110, render: (_, c) => <ReportStatusTag status={c.status} /> },
          { title: t('reporting.correctionNote'), dataIndex: 'correctionNote', render: (v: string | null) => v ?? '' },
          {
            title: t('reporting.returnIt'),
            key: 'return',
            width: 280,
            render: (_, c) =>
              c.status === 'submitted' || c.status === 'resubmitted' ? (
                <Space>
                  <Checkbox
                    checked={c.certificateId in returns}
                    data-testid={`return-check-${c.number}`}
                    onChange={(e) =>
                      setReturns((r) => {
                        const next = { ...r };
                        if (e.target.checked) next[c.certificateId] = '';
                        else delete next[c.certificateId];
                        return next;
                      })
                    }
                  />
                  <Input
                    size="small"
                    placeholder={t('reporting.returnReason')}
                    disabled={!(c.certificateId in returns)}
                    value={returns[c.certificateId] ?? ''}
                    data-testid={`return-reason-${c.number}`}
                    onChange={(e) => setReturns((r) => ({ ...r, [c.certificateId]: e.target.value }))}
                  />
                </Space>
              ) : null,
          },
        ]}
      />
    </Modal>
  );
}

function BatchesTable({ status, onReview }: { status: 'submitted' | 'reviewed'; onReview?: (b: ReportBatch) => void }) {
  const { t } = useTranslation();
  const batches = useReportBatches(status);
  return (
    <Table<ReportBatch>
      rowKey="id"
      size="small"
      loading={batches.isPending}
      dataSource={batches.data?.items ?? []}
      pagination={false}
      columns={[
        { title: t('reporting.school'), dataIndex: 'orgName', width: 200 },
        { title: t('reporting.plan'), dataIndex: 'planTitle' },
        { title: '', key: 'kind', width: 100, render: (_, b) => t(`reporting.batchKind.${b.kind}`) },
        { title: t('reporting.certificateCount'), dataIndex: 'certificateCount', width: 70 },
        status === 'submitted'
          ? { title: t('reporting.dueOn'), key: 'due', width: 190, render: (_, b) => <DeadlineTag state={b.deadline} dueOn={b.dueOn} /> }
          : { title: t('reporting.returnedCount'), dataIndex: 'returnedCount', width: 70 },
        { title: t('reporting.submittedAt'), key: 'at', width: 140, render: (_, b) => b.submittedAt.slice(0, 16).replace('T', ' ') },
        {
          title: '',
          key: 'actions',
          width: 90,
          render: (_, b) =>
            onReview ? (
              <Button type="primary" size="small" data-testid="review-open" onClick={() => onReview(b)}>
                {t('reporting.review')}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}

/** The national upload file (Excel / JSON) and the import of the platform's answer, with what was listed back. */
function NationalCard() {
  const { t } = useTranslation();
  const todo = useReportTodo();
  const importAnswer = useImportAnswer();
  const [report, setReport] = useState<AnswerImportReport | null>(null);
  const [busy, setBusy] = useState<'xlsx' | 'json' | null>(null);
  const download = (format: 'xlsx' | 'json') => {
    setBusy(format);
    downloadNationalUpload(format)
      .then(({ blob, filename }) => saveBlob(blob, filename), reportError)
      .finally(() => {
        setBusy(null);
        void todo.refetch();
      });
  };
  return (
    <Card
      title={t('reporting.nationalTitle')}
      style={{ marginTop: 16 }}
      data-testid="national-card"
      extra={<Tag>{t('reporting.toUpload', { n: todo.data?.toUpload ?? 0 })}</Tag>}
    >
      <Typography.Paragraph type="secondary">{t('reporting.nationalHint')}</Typography.Paragraph>
      <Space wrap>
        <Button loading={busy === 'xlsx'} onClick={() => download('xlsx')} data-testid="national-xlsx">
          {t('reporting.exportXlsx')}
        </Button>
        <Button loading={busy === 'json'} onClick={() => download('json')} data-testid="national-json">
          {t('reporting.exportJson')}
        </Button>
        <Upload
          accept=".xlsx,.json,application/json"
          showUploadList={false}
          beforeUpload={(file) => {
            void readFileAsBase64(file).then((contentBase64) =>
              importAnswer.mutate({ filename: file.name, contentBase64 }, { onError: reportError, onSuccess: setReport }),
            );
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={importAnswer.isPending} data-testid="answer-import">
            {t('reporting.importAnswer')}
          </Button>
        </Upload>
      </Space>
      {report ? (
        <div style={{ marginTop: 12 }} data-testid="answer-report">
          <Alert type={report.listed.length ? 'warning' : 'success'} showIcon message={t('reporting.answerReport', report)} />
          {report.listed.length ? (
            <Table
              style={{ marginTop: 8 }}
              size="small"
              rowKey="row"
              pagination={false}
              title={() => t('reporting.answerListed')}
              dataSource={report.listed}
              columns={[
                { title: t('reporting.row'), dataIndex: 'row', width: 60 },
                { title: t('reporting.number'), dataIndex: 'number', width: 220 },
                { title: '', dataIndex: 'outcome', width: 100 },
                { title: '', key: 'effect', render: (_, l) => t(`reporting.effects.${l.effect}`) },
              ]}
            />
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}

export function BureauReporting() {
  const { t } = useTranslation();
  const [reviewing, setReviewing] = useState<string | null>(null);
  return (
    <>
      <Card title={t('reporting.reviewQueue')} data-testid="review-queue">
        <BatchesTable status="submitted" onReview={(b) => setReviewing(b.id)} />
      </Card>
      <NationalCard />
      <Card title={t('reporting.batches')} style={{ marginTop: 16 }}>
        <BatchesTable status="reviewed" />
      </Card>
      {reviewing ? <ReviewModal batchId={reviewing} onClose={() => setReviewing(null)} /> : null}
    </>
  );
}
