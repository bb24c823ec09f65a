import '@/features/enrolments/i18n';
import { ArrowLeftOutlined, DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import type { ActivationSlip, EnrolmentImportReport, EnrolmentSummary, PhotoZipReport, RowVerdict } from '@skillcert/shared/api/enrolment';
import { Alert, Button, Card, Flex, Input, Modal, Progress, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DownloadButton } from '@/components/download-button';
import { FilePickButton } from '@/components/file-pick-button';
import { PageHeader } from '@/components/page-header';
import { reportError } from '@/lib/error-reporting';
import { baseName, saveBase64, saveBlob } from '@/lib/files';
import { http } from '@/lib/http';
import {
  enrolmentTemplatePath,
  type FileBody,
  sittingDocPath,
  ticketPath,
  useArrange,
  useCommitImport,
  useEnrolments,
  useJob,
  usePhotoZip,
  usePreviewImport,
  useReissueCodes,
  useRevealId,
  useSeatPlan,
  useTicketsZip,
} from '@/features/enrolments/api/enrolments';

const XLSX = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 报名与考务 of one plan: candidates (Excel import with preview), photos, rooms and seats, admission tickets. */
export function EnrolmentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <>
      <PageHeader
        title={t('enrolment.title')}
        subtitle={t('enrolment.subtitle')}
        extra={
          <Link to={`/plans/${id}`}>
            <Button icon={<ArrowLeftOutlined />}>{t('enrolment.backToPlan')}</Button>
          </Link>
        }
      />
      <Tabs
        items={[
          { key: 'candidates', label: t('enrolment.tabs.candidates'), children: <CandidatesTab planId={id} /> },
          { key: 'photos', label: t('enrolment.tabs.photos'), children: <PhotosTab planId={id} /> },
          { key: 'seating', label: t('enrolment.tabs.seating'), children: <SeatingTab planId={id} /> },
        ]}
      />
    </>
  );
}

function VerdictTable({ verdicts, testId }: { verdicts: RowVerdict[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table
      rowKey={(v) => `${v.row}-${v.name}`}
      size="small"
      data-testid={testId}
      dataSource={verdicts}
      pagination={{ pageSize: 50, hideOnSinglePage: true, size: 'small' }}
      scroll={{ y: 360 }}
      columns={[
        { key: 'row', title: t('enrolment.row'), width: 70, render: (_, v) => v.row },
        { key: 'name', title: t('enrolment.name'), width: 110, render: (_, v) => v.name },
        { key: 'id', title: t('enrolment.idNumber'), width: 200, render: (_, v) => v.idNumberMasked },
        {
          key: 'verdict',
          title: t('enrolment.verdict'),
          render: (_, v) =>
            v.accepted ? (
              <Tag color="green">{t('enrolment.accepted')}</Tag>
            ) : (
              <Space direction="vertical" size={0}>
                {v.problems.map((p) => (
                  <Typography.Text key={`${p.code}-${p.column}`} type="danger" data-testid="verdict-reason">
                    {p.rule ? <Tag color="red">{p.rule}</Tag> : null}
                    {p.column ? `${p.column}: ` : ''}
                    {p.message}
                  </Typography.Text>
                ))}
              </Space>
            ),
        },
      ]}
    />
  );
}

function SlipsTable({ slips }: { slips: ActivationSlip[] }) {
  const { t } = useTranslation();
  if (!slips.length) return null;
  return (
    <>
      <Typography.Title level={5}>{t('enrolment.slipsTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('enrolment.slipsHint')}</Typography.Paragraph>
      <Table
        rowKey="enrolmentId"
        size="small"
        data-testid="activation-slips"
        dataSource={slips}
        pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small' }}
        columns={[
          { key: 'name', title: t('enrolment.name'), render: (_, s) => s.name },
          { key: 'id', title: t('enrolment.idNumber'), render: (_, s) => s.idNumberMasked },
          { key: 'username', title: t('enrolment.username'), render: (_, s) => <Typography.Text code>{s.username}</Typography.Text> },
          { key: 'code', title: t('enrolment.activationCode'), render: (_, s) => <Typography.Text code>{s.activationCode}</Typography.Text> },
        ]}
      />
    </>
  );
}

function ImportModal({ planId, open, onClose }: { planId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const preview = usePreviewImport(planId);
  const commit = useCommitImport(planId);
  const [file, setFile] = useState<FileBody | null>(null);
  const report: EnrolmentImportReport | undefined = commit.data ?? preview.data;
  const reset = () => {
    setFile(null);
    preview.reset();
    commit.reset();
  };
  return (
    <Modal
      open={open}
      width={1000}
      title={t('enrolment.importTitle')}
      onCancel={() => {
        reset();
        onClose();
      }}
      footer={null}
      destroyOnHidden
    >
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <DownloadButton path={enrolmentTemplatePath(planId)} fallbackName="enrolment-template.xlsx" data-testid="enrolment-template">
          {t('enrolment.template')}
        </DownloadButton>
        <FilePickButton
          accept={XLSX}
          loading={preview.isPending}
          testId="enrolment-file"
          onFile={(f) => {
            commit.reset();
            setFile({ filename: f.name, contentBase64: f.contentBase64 });
            preview.mutate({ filename: f.name, contentBase64: f.contentBase64 }, { onError: reportError });
          }}
        >
          {t('enrolment.pickFile')}
        </FilePickButton>
      </Flex>
      {report ? (
        <Flex vertical gap={12}>
          {report.fileErrors.map((e) => (
            <Alert key={e} type="error" showIcon title={e} data-testid="enrolment-file-error" />
          ))}
          {report.rows ? (
            <Alert
              type={report.stored ? 'success' : report.refused ? 'warning' : 'info'}
              showIcon
              data-testid="enrolment-summary"
              title={t(report.stored ? 'enrolment.committedSummary' : 'enrolment.previewSummary', {
                rows: report.rows,
                accepted: report.accepted,
                refused: report.refused,
              })}
            />
          ) : null}
          <Flex gap={8}>
            {!report.stored && report.accepted > 0 && file ? (
              <Button type="primary" loading={commit.isPending} data-testid="enrolment-commit" onClick={() => commit.mutate(file, { onError: reportError })}>
                {t('enrolment.commit', { count: report.accepted })}
              </Button>
            ) : null}
            {report.annotatedWorkbookBase64 && file ? (
              <Button
                icon={<DownloadOutlined />}
                data-testid="enrolment-annotated"
                onClick={() => saveBase64(report.annotatedWorkbookBase64!, `${baseName(file.filename)}-refused.xlsx`)}
              >
                {t('enrolment.downloadAnnotated')}
              </Button>
            ) : null}
          </Flex>
          {report.verdicts.length ? (
            <VerdictTable verdicts={report.stored ? report.verdicts.filter((v) => !v.accepted) : report.verdicts} testId="enrolment-verdicts" />
          ) : null}
          <SlipsTable slips={report.activations} />
        </Flex>
      ) : (
        <Typography.Paragraph type="secondary">{t('enrolment.importHint')}</Typography.Paragraph>
      )}
    </Modal>
  );
}

function CandidatesTab({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [importing, setImporting] = useState(false);
  const list = useEnrolments(planId, { page, pageSize: 50, q });
  const reveal = useRevealId(planId);
  const reissue = useReissueCodes(planId);
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  return (
    <Card>
      <Flex gap={8} wrap style={{ marginBottom: 12 }} justify="space-between">
        <Input.Search allowClear placeholder={t('enrolment.search')} style={{ width: 260 }} onSearch={(v) => (setQ(v), setPage(1))} />
        <Space>
          <Button
            loading={reissue.isPending}
            onClick={() =>
              reissue.mutate(undefined, {
                onError: reportError,
                onSuccess: (r) => Modal.info({ width: 800, title: t('enrolment.slipsTitle'), content: <SlipsTable slips={r.items} /> }),
              })
            }
          >
            {t('enrolment.reissue')}
          </Button>
          <Button type="primary" onClick={() => setImporting(true)} data-testid="enrolment-import">
            {t('enrolment.import')}
          </Button>
        </Space>
      </Flex>
      <Table<EnrolmentSummary>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        data-testid="enrolment-list"
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('enrolment.total', { count: n }) }}
        columns={[
          { key: 'name', title: t('enrolment.name'), render: (_, e) => e.name },
          {
            key: 'id',
            title: t('enrolment.idNumber'),
            render: (_, e) => (
              <Space>
                <span>{revealed[e.id] ?? e.idNumberMasked}</span>
                {revealed[e.id] ? null : (
                  <Button
                    size="small"
                    type="link"
                    icon={<EyeOutlined />}
                    title={t('enrolment.reveal')}
                    onClick={() => reveal.mutate(e.id, { onError: reportError, onSuccess: (r) => setRevealed((m) => ({ ...m, [e.id]: r.idNumber })) })}
                  />
                )}
              </Space>
            ),
          },
          { key: 'gender', title: t('enrolment.gender'), render: (_, e) => t(`enrolment.genders.${e.gender}`) },
          { key: 'category', title: t('enrolment.category'), render: (_, e) => t(`enrolment.categories.${e.category}`) },
          { key: 'major', title: t('enrolment.major'), render: (_, e) => e.majorName ?? e.majorCode ?? '—' },
          { key: 'class', title: t('enrolment.class'), render: (_, e) => e.className ?? '—' },
          {
            key: 'photo',
            title: t('enrolment.photo'),
            render: (_, e) => (e.hasPhoto ? <Tag color="green">{t('enrolment.hasPhoto')}</Tag> : <Tag>{t('enrolment.noPhoto')}</Tag>),
          },
          {
            key: 'account',
            title: t('enrolment.account'),
            render: (_, e) => (e.username ? `${e.username}${e.activated ? '' : ` (${t('enrolment.notActivated')})`}` : '—'),
          },
          {
            key: 'ticket',
            title: t('enrolment.ticket'),
            render: (_, e) => (
              <DownloadButton size="small" type="link" path={ticketPath(planId, e.id)} fallbackName="ticket.pdf">
                PDF
              </DownloadButton>
            ),
          },
        ]}
      />
      <ImportModal planId={planId} open={importing} onClose={() => setImporting(false)} />
    </Card>
  );
}

function PhotosTab({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const upload = usePhotoZip(planId);
  const report: PhotoZipReport | undefined = upload.data;
  return (
    <Card>
      <Typography.Paragraph type="secondary">{t('enrolment.photosHint')}</Typography.Paragraph>
      <FilePickButton
        accept=".zip,application/zip"
        loading={upload.isPending}
        testId="photo-zip"
        onFile={(f) => upload.mutate({ filename: f.name, contentBase64: f.contentBase64 }, { onError: reportError })}
      >
        {t('enrolment.uploadZip')}
      </FilePickButton>
      {report ? (
        <Flex vertical gap={12} style={{ marginTop: 12 }}>
          <Alert
            type={report.refused ? 'warning' : 'success'}
            showIcon
            data-testid="photo-summary"
            title={t('enrolment.photoSummary', { stored: report.stored, refused: report.refused })}
          />
          <Table
            rowKey="file"
            size="small"
            data-testid="photo-files"
            dataSource={report.files}
            pagination={{ pageSize: 50, hideOnSinglePage: true, size: 'small' }}
            columns={[
              { key: 'file', title: t('enrolment.file'), render: (_, f) => f.file },
              { key: 'who', title: t('enrolment.name'), render: (_, f) => f.candidate ?? '—' },
              { key: 'ok', title: t('enrolment.verdict'), render: (_, f) => <Typography.Text type={f.ok ? 'success' : 'danger'}>{f.message}</Typography.Text> },
            ]}
          />
          {report.withoutPhoto.length ? (
            <Alert
              type="info"
              showIcon
              data-testid="without-photo"
              title={t('enrolment.withoutPhoto', { count: report.withoutPhoto.length })}
              description={report.withoutPhoto.map((w) => `${w.name} ${w.idNumberMasked}`).join('、')}
            />
          ) : null}
        </Flex>
      ) : null}
    </Card>
  );
}

function TicketsZipButton({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const start = useTicketsZip(planId);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const status = job.data?.status;
  return (
    <Space>
      <Button
        loading={start.isPending}
        onClick={() => start.mutate(undefined, { onError: reportError, onSuccess: (j) => setJobId(j.id) })}
        data-testid="tickets-zip"
      >
        {t('enrolment.ticketsZip')}
      </Button>
      {job.data ? (
        <Progress
          type="circle"
          size={36}
          percent={Math.round(job.data.progress * 100)}
          status={status === 'failed' ? 'exception' : undefined}
          data-testid="tickets-progress"
        />
      ) : null}
      {status === 'done' && jobId ? (
        <Button
          type="primary"
          icon={<DownloadOutlined />}
          data-testid="tickets-zip-download"
          onClick={() => http.file(`/api/jobs/${jobId}/result`).then(({ blob, filename }) => saveBlob(blob, filename ?? 'tickets.zip'), reportError)}
        >
          {t('enrolment.downloadZip')}
        </Button>
      ) : null}
      {status === 'failed' ? <Typography.Text type="danger">{job.data?.error}</Typography.Text> : null}
    </Space>
  );
}

function SeatingTab({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const plan = useSeatPlan(planId);
  const arrange = useArrange(planId);
  const [seed, setSeed] = useState('');
  return (
    <Card>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input placeholder={t('enrolment.seed')} value={seed} onChange={(e) => setSeed(e.target.value)} style={{ width: 200 }} />
        <Button
          type="primary"
          loading={arrange.isPending}
          data-testid="seating-arrange"
          onClick={() => arrange.mutate(seed || undefined, { onError: reportError })}
        >
          {t('enrolment.arrange')}
        </Button>
        <TicketsZipButton planId={planId} />
      </Flex>
      {(plan.data?.sittings ?? []).map((s) => (
        <Card
          key={s.sittingId}
          size="small"
          style={{ marginBottom: 12 }}
          data-testid="seating-sitting"
          title={`${t(`enrolment.parts.${s.part}`, { defaultValue: s.part })} · ${s.startsAt}–${(s.endsAt ?? '').slice(11)} · ${s.site ?? ''} ${s.rooms[0]?.room ?? ''}`}
          extra={
            <Space>
              {s.seed ? <Tag>{t('enrolment.seedShown', { seed: s.seed })}</Tag> : null}
              {(
                [
                  ['seat-plan.pdf', t('enrolment.docs.seat-plan_pdf')],
                  ['seat-plan.xlsx', t('enrolment.docs.seat-plan_xlsx')],
                  ['sign-in.pdf', t('enrolment.docs.sign-in_pdf')],
                  ['sign-in.xlsx', t('enrolment.docs.sign-in_xlsx')],
                ] as const
              ).map(([doc, label]) => (
                <DownloadButton key={doc} size="small" path={sittingDocPath(planId, s.sittingId, doc)} fallbackName={doc}>
                  {label}
                </DownloadButton>
              ))}
            </Space>
          }
        >
          <Table
            rowKey={(x) => `${x.enrolmentId}-${x.seat}`}
            size="small"
            dataSource={s.rooms[0]?.seats ?? []}
            pagination={false}
            scroll={{ y: 300 }}
            columns={[
              { key: 'seat', title: t('enrolment.seat'), width: 70, render: (_, x) => x.seat },
              { key: 'no', title: t('enrolment.examNumber'), render: (_, x) => x.examNumber },
              { key: 'name', title: t('enrolment.name'), render: (_, x) => x.name },
              { key: 'id', title: t('enrolment.idNumber'), render: (_, x) => x.idNumberMasked },
              { key: 'class', title: t('enrolment.class'), render: (_, x) => x.className ?? '—' },
              { key: 'manual', title: '', width: 80, render: (_, x) => (x.manual ? <Tag>{t('enrolment.manual')}</Tag> : null) },
            ]}
          />
        </Card>
      ))}
    </Card>
  );
}
