import '@/features/publicity/i18n';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { CandidateResultView, ClearanceLine, ObjectionView, PublicityAdmin, ResultOutcome, ScoreImportReport } from '@skillcert/shared/api/results';
import { Alert, Button, Card, Descriptions, Drawer, Flex, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DownloadButton } from '@/components/download-button';
import { FilePickButton } from '@/components/file-pick-button';
import { PageHeader } from '@/components/page-header';
import { useUploadAttachment } from '@/features/attachments/api/upload-attachment';
import { useCurrentUser } from '@/features/auth/components/current-user';
import {
  courseTemplatePath,
  processTemplatePath,
  resultsExportPath,
  useAnswerObjection,
  useMarkRecord,
  useRecordProcessScore,
  usePublicityAdmin,
  usePublish,
  useResults,
  useScoreImport,
} from '@/features/results/api/results';
import { can } from '@/lib/authorization';
import { reportError } from '@/lib/error-reporting';
import { saveBase64 } from '@/lib/files';

const XLSX = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const OUTCOME_COLOR: Record<ResultOutcome, string> = { passed: 'green', failed: 'red', pending: 'default' };

/** An evidence file (the signed score list), then the score workbook: stored all or nothing, refusals annotated. */
function ScoreUploadCard({
  planId,
  kind,
  title,
  templatePath,
  candidates = [],
}: {
  planId: string;
  kind: 'course' | 'process';
  title: string;
  templatePath: string;
  /** process: the candidates (and their components) for entering one score by hand. */
  candidates?: CandidateResultView[];
}) {
  const { t } = useTranslation();
  const upload = useUploadAttachment();
  const scores = useScoreImport(planId, kind);
  const [evidence, setEvidence] = useState<{ id: string; name: string } | null>(null);
  const report: ScoreImportReport | undefined = scores.data;
  return (
    <Card size="small" title={title} data-testid={`${kind}-scores`}>
      <Flex gap={8} wrap align="center">
        <DownloadButton path={templatePath} fallbackName={`${kind}-scores.xlsx`}>
          {t(`results.${kind}.template`)}
        </DownloadButton>
        <FilePickButton
          accept=".pdf,.jpg,.jpeg,.png"
          loading={upload.isPending}
          onFile={(f) =>
            upload.mutate(
              { filename: f.name, mimeType: f.name.toLowerCase().endsWith('.pdf') ? 'application/pdf' : 'image/jpeg', contentBase64: f.contentBase64 },
              { onSuccess: (a) => setEvidence({ id: a.id, name: a.filename }), onError: reportError },
            )
          }
        >
          {t('results.course.evidence')}
        </FilePickButton>
        {evidence ? <Tag>{evidence.name}</Tag> : <Typography.Text type="secondary">{t('results.import.needEvidence')}</Typography.Text>}
        {evidence ? (
          <FilePickButton
            accept={XLSX}
            loading={scores.isPending}
            onFile={(f) => scores.mutate({ filename: f.name, contentBase64: f.contentBase64, evidenceAttachmentId: evidence.id }, { onError: reportError })}
          >
            {t(`results.${kind}.upload`)}
          </FilePickButton>
        ) : null}
      </Flex>
      {kind === 'process' && evidence && candidates.length ? <ProcessScoreForm planId={planId} evidenceId={evidence.id} candidates={candidates} /> : null}
      {report ? (
        <div style={{ marginTop: 12 }}>
          {report.fileErrors.map((e) => (
            <Alert key={e} type="error" showIcon message={e} />
          ))}
          {report.stored ? <Alert type="success" showIcon message={t('results.import.stored', { count: report.accepted })} /> : null}
          {!report.stored && report.refused > 0 ? (
            <Alert
              type="error"
              showIcon
              message={t('results.import.refused', { count: report.refused })}
              action={
                report.annotatedWorkbookBase64 ? (
                  <Button size="small" onClick={() => saveBase64(report.annotatedWorkbookBase64!, 'annotated.xlsx')}>
                    {t('results.import.annotated')}
                  </Button>
                ) : null
              }
            />
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}

/** The whole mark record of one candidate: part results (with source and evidence), marks, decisions, exam events. */
function MarkRecordDrawer({ planId, enrolmentId, onClose }: { planId: string; enrolmentId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const record = useMarkRecord(planId, enrolmentId);
  const r = record.data;
  return (
    <Drawer
      open={Boolean(enrolmentId)}
      width={760}
      onClose={onClose}
      title={r ? `${t('results.record')} · ${r.result.name} ${r.result.examNumbers[0] ?? ''}` : t('results.record')}
    >
      {r ? (
        <Flex vertical gap={16} data-testid="mark-record">
          <Table
            size="small"
            pagination={false}
            rowKey="partId"
            dataSource={r.partResults}
            columns={[
              { title: t('results.recordFields.part'), key: 'kind', render: (_: unknown, p) => t(`publicity.parts.${p.kind}`) },
              {
                title: t('results.recordFields.score'),
                key: 'score',
                render: (_: unknown, p) => (p.absent ? t('publicity.verdicts.absent') : (p.score ?? '—')),
              },
              { title: t('results.recordFields.source'), key: 'source', render: (_: unknown, p) => `${p.source}${p.substituted ? ' (R6)' : ''}` },
              { title: t('results.recordFields.at'), key: 'at', render: (_: unknown, p) => new Date(p.at).toLocaleString() },
            ]}
          />
          <Typography.Title level={5}>{t('results.recordFields.marks', { count: r.marks.length })}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey={(m) => `${m.itemId}-${m.examinerId}-${m.round}`}
            dataSource={r.marks}
            columns={[
              { title: t('results.recordFields.round'), dataIndex: 'round', key: 'round' },
              { title: t('results.recordFields.score'), dataIndex: 'total', key: 'total' },
              { title: t('results.recordFields.source'), dataIndex: 'source', key: 'source' },
              { title: t('results.recordFields.comment'), dataIndex: 'comment', key: 'comment' },
            ]}
          />
          <Typography.Title level={5}>{t('results.recordFields.decisions', { count: r.decisions.length })}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey={(d) => `${d.itemId}-${d.kind}`}
            dataSource={r.decisions}
            columns={[
              { title: t('results.recordFields.round'), dataIndex: 'kind', key: 'kind' },
              { title: t('results.recordFields.score'), dataIndex: 'score', key: 'score' },
              { title: t('results.recordFields.comment'), dataIndex: 'reason', key: 'reason' },
            ]}
          />
          <Typography.Title level={5}>{t('results.recordFields.events', { count: r.events.length })}</Typography.Title>
          <Table
            size="small"
            pagination={{ pageSize: 20 }}
            rowKey="id"
            dataSource={r.events}
            columns={[
              { title: t('results.recordFields.at'), key: 'at', render: (_: unknown, e) => new Date(e.at).toLocaleString() },
              { title: t('results.recordFields.event'), dataIndex: 'kind', key: 'kind' },
            ]}
          />
        </Flex>
      ) : null}
    </Drawer>
  );
}

/** One 过程考核 component score entered by hand, with the evidence uploaded above. */
function ProcessScoreForm({ planId, evidenceId, candidates }: { planId: string; evidenceId: string; candidates: CandidateResultView[] }) {
  const { t } = useTranslation();
  const record = useRecordProcessScore(planId);
  const [enrolmentId, setEnrolmentId] = useState<string | undefined>();
  const [partId, setPartId] = useState<string | undefined>();
  const [score, setScore] = useState<number | null>(null);
  const components = candidates[0]?.process ?? [];
  return (
    <Flex gap={8} wrap align="center" style={{ marginTop: 12 }} data-testid="process-score-form">
      <Select
        showSearch
        optionFilterProp="label"
        style={{ width: 240 }}
        placeholder={t('results.process.candidate')}
        value={enrolmentId}
        onChange={setEnrolmentId}
        options={candidates.map((c) => ({ value: c.enrolmentId, label: `${c.examNumbers[0] ?? ''} ${c.name}` }))}
      />
      <Select
        style={{ width: 200 }}
        placeholder={t('results.process.component')}
        value={partId}
        onChange={setPartId}
        options={components.map((c) => ({ value: c.partId, label: `${c.name} (${c.weight}%)` }))}
      />
      <InputNumber min={0} max={100} step={0.5} value={score} onChange={(v) => setScore(v)} placeholder={t('results.recordFields.score')} />
      <Button
        type="primary"
        disabled={!enrolmentId || !partId || score === null}
        loading={record.isPending}
        onClick={() =>
          enrolmentId && partId && score !== null
            ? record.mutate({ enrolmentId, partId, score, evidenceAttachmentId: evidenceId }, { onSuccess: () => setScore(null), onError: reportError })
            : undefined
        }
      >
        {t('results.process.save')}
      </Button>
    </Flex>
  );
}

function ResultsTab({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [outcome, setOutcome] = useState<ResultOutcome | undefined>();
  const [q, setQ] = useState('');
  const results = useResults(planId, { outcome, q });
  const [recordOf, setRecordOf] = useState<string | null>(null);
  const data = results.data;
  const first = data?.items[0];
  const manage = can(me, 'result.manage');
  const columns = [
    { title: t('publicity.examNumber'), key: 'n', render: (_: unknown, r: CandidateResultView) => <Typography.Text code>{r.examNumbers[0]}</Typography.Text> },
    { title: t('publicity.name'), dataIndex: 'name', key: 'name' },
    { title: t('results.class'), dataIndex: 'className', key: 'class' },
    ...(first?.parts ?? []).map((p, i) => ({
      title: t(`publicity.parts.${p.kind}`),
      key: `p${i}`,
      render: (_: unknown, r: CandidateResultView) => {
        const line = r.parts[i];
        if (!line) return null;
        if (line.verdict === 'absent') return <Tag color="red">{t('publicity.verdicts.absent')}</Tag>;
        return (
          <span data-verdict={line.verdict}>
            <Typography.Text type={line.verdict === 'failed' ? 'danger' : undefined}>{line.score ?? '—'}</Typography.Text>
            {line.substituted ? <Typography.Text type="secondary">{t('publicity.substituted')}</Typography.Text> : null}
          </span>
        );
      },
    })),
    {
      title: t('publicity.outcome'),
      key: 'outcome',
      render: (_: unknown, r: CandidateResultView) => (
        <Tag color={OUTCOME_COLOR[r.outcome]} data-outcome={r.outcome}>
          {t(`publicity.outcomes.${r.outcome}`)}
        </Tag>
      ),
    },
    {
      title: '',
      key: 'record',
      render: (_: unknown, r: CandidateResultView) => (
        <Button size="small" type="link" onClick={() => setRecordOf(r.enrolmentId)} data-testid="result-record">
          {t('results.record')}
        </Button>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      {data?.processWeightProblem ? <Alert type="warning" showIcon message={t('results.weightProblem', { problem: data.processWeightProblem })} /> : null}
      {manage && data?.courseExamReplacesTheory ? (
        <ScoreUploadCard planId={planId} kind="course" title={t('results.course.title')} templatePath={courseTemplatePath(planId)} />
      ) : null}
      {manage && (first?.process.length ?? 0) > 0 ? (
        <ScoreUploadCard
          planId={planId}
          kind="process"
          title={t('results.process.title')}
          templatePath={processTemplatePath(planId)}
          candidates={data?.items ?? []}
        />
      ) : null}
      <Flex gap={8} wrap align="center" justify="space-between">
        <Space wrap>
          <Select
            style={{ width: 140 }}
            value={outcome ?? 'all'}
            aria-label={t('results.filters.outcome')}
            onChange={(v) => setOutcome(v === 'all' ? undefined : (v as ResultOutcome))}
            options={[
              { value: 'all', label: t('results.filters.all') },
              ...(['passed', 'failed', 'pending'] as const).map((o) => ({ value: o, label: t(`publicity.outcomes.${o}`) })),
            ]}
          />
          <Input.Search allowClear style={{ width: 260 }} placeholder={t('results.filters.search')} onSearch={(v) => setQ(v.trim())} />
          {data ? <Typography.Text type="secondary">{t('results.counts', data.counts)}</Typography.Text> : null}
        </Space>
        <DownloadButton path={resultsExportPath(planId)} query={{ outcome, q: q || undefined }} fallbackName="results.xlsx">
          {t('results.export')}
        </DownloadButton>
      </Flex>
      <Table<CandidateResultView>
        rowKey="enrolmentId"
        size="small"
        loading={results.isFetching}
        dataSource={data?.items ?? []}
        columns={columns}
        pagination={{ pageSize: 50 }}
        data-testid="results-table"
      />
      <MarkRecordDrawer planId={planId} enrolmentId={recordOf} onClose={() => setRecordOf(null)} />
    </Flex>
  );
}

function AnswerButton({ planId, o }: { planId: string; o: ObjectionView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const answer = useAnswerObjection(planId);
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="objection-answer">
        {t('results.objections.answerAction')}
      </Button>
      <Modal
        open={open}
        title={`${t('results.objections.answerAction')} ${o.trackingCode}`}
        confirmLoading={answer.isPending}
        okButtonProps={{ disabled: text.trim().length < 2 }}
        onCancel={() => setOpen(false)}
        onOk={() => answer.mutate({ objectionId: o.id, answer: text.trim() }, { onSuccess: () => setOpen(false), onError: reportError })}
      >
        <Typography.Paragraph>{o.text}</Typography.Paragraph>
        <Input.TextArea
          rows={4}
          value={text}
          maxLength={2000}
          placeholder={t('results.objections.answerPlaceholder')}
          onChange={(e) => setText(e.target.value)}
        />
      </Modal>
    </>
  );
}

function PublicityTab({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const admin = usePublicityAdmin(planId);
  const publish = usePublish(planId);
  const data: PublicityAdmin | undefined = admin.data;
  const manage = can(me, 'result.manage');
  if (!data) return null;
  const p = data.publicity;
  return (
    <Flex vertical gap={12}>
      {p ? (
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="publicity-summary">
          <Descriptions.Item label={t('publicity.period')}>
            {t('publicity.periodValue', { first: p.firstDay, last: p.lastDay, days: p.workingDays })}
          </Descriptions.Item>
          <Descriptions.Item label={t('results.objections.status')}>
            <Tag color={p.state === 'running' ? 'blue' : 'default'}>{t(`publicity.state.${p.state}`)}</Tag>
            <Link to={`/public/publicity/${planId}`} target="_blank">
              /public/publicity/{planId.slice(0, 8)}…
            </Link>
          </Descriptions.Item>
          {p.calendarKnown ? null : (
            <Descriptions.Item span={2} label="">
              <Alert type="warning" showIcon message={t('publicity.calendarUnknown')} />
            </Descriptions.Item>
          )}
        </Descriptions>
      ) : (
        <Flex gap={8} align="center">
          <Typography.Text type="secondary">{t('results.publish.notYet')}</Typography.Text>
          {manage && data.planStatus === 'marking' ? (
            <Popconfirm title={t('results.publish.confirm')} onConfirm={() => publish.mutate(undefined, { onError: reportError })}>
              <Button type="primary" loading={publish.isPending} data-testid="publish">
                {t('results.publish.action')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      )}
      <Card size="small" title={t('results.objections.title')}>
        <Table<ObjectionView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={data.objections}
          locale={{ emptyText: t('results.objections.none') }}
          columns={[
            {
              title: t('results.objections.code'),
              dataIndex: 'trackingCode',
              key: 'code',
              render: (v: string) => (
                <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                  {v}
                </Typography.Text>
              ),
            },
            {
              title: t('results.objections.about'),
              key: 'about',
              render: (_: unknown, o) => (o.enrolmentId ? `${o.candidateName ?? ''} ${o.examNumber ?? ''}` : t('results.objections.plan')),
            },
            { title: t('results.objections.from'), key: 'from', render: (_: unknown, o) => `${o.name} · ${o.contact}` },
            { title: t('results.objections.text'), dataIndex: 'text', key: 'text' },
            {
              title: t('results.objections.status'),
              key: 'status',
              render: (_: unknown, o) =>
                o.status === 'open' ? (
                  manage ? (
                    <AnswerButton planId={planId} o={o} />
                  ) : (
                    <Tag color="orange">{t('publicity.track.status.open')}</Tag>
                  )
                ) : (
                  <span>
                    <Tag color="green">{t(`publicity.track.status.${o.status}`)}</Tag> {o.answer}
                  </span>
                ),
            },
          ]}
        />
      </Card>
      {data.clearance.length ? (
        <Card size="small" title={t('results.clearance.title')}>
          <Table<ClearanceLine>
            rowKey="enrolmentId"
            size="small"
            pagination={false}
            dataSource={data.clearance}
            data-testid="clearance-table"
            columns={[
              { title: t('publicity.examNumber'), dataIndex: 'examNumber', key: 'n' },
              { title: t('publicity.name'), dataIndex: 'name', key: 'name' },
              { title: t('publicity.outcome'), key: 'o', render: (_: unknown, c) => t(`publicity.outcomes.${c.outcome}`) },
              {
                title: t('results.clearance.title'),
                key: 'c',
                render: (_: unknown, c) =>
                  c.cleared ? (
                    <Tag color="green">{t('results.clearance.cleared')}</Tag>
                  ) : (
                    <span>
                      <Tag color="orange">{t('results.clearance.blocked')}</Tag>
                      {c.blocks.map((b) => t(`results.clearance.blocks.${b}`)).join('、')}
                    </span>
                  ),
              },
            ]}
          />
        </Card>
      ) : null}
    </Flex>
  );
}

/** /plans/:id/results — the institution's results, score uploads, publicity (公示), objections and clearance. */
export function ResultsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <>
      <PageHeader
        title={t('results.title')}
        subtitle={t('results.subtitle')}
        extra={
          <Link to={`/plans/${id}`}>
            <Button icon={<ArrowLeftOutlined />}>{t('results.backToPlan')}</Button>
          </Link>
        }
      />
      <Tabs
        items={[
          { key: 'results', label: t('results.tabs.results'), children: <ResultsTab planId={id} /> },
          { key: 'publicity', label: t('results.tabs.publicity'), children: <PublicityTab planId={id} /> },
        ]}
      />
    </>
  );
}
