import type { Certificate } from '@skillcert/shared/api/certificates';
import { Alert, Button, Card, Flex, Input, Modal, Progress, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DownloadButton } from '@/components/download-button';
import { useCurrentUser } from '@/features/auth/components/current-user';
import {
  useBatch,
  useCertificates,
  useIssuablePlans,
  useIssuanceJob,
  useJob,
  usePdfZip,
  useReissue,
  useRevoke,
  useStartBatch,
} from '@/features/certificates/api/certificates';
import '@/features/certificates/admin-i18n';
import { NationalPanel, RotateKeyButton } from '@/features/external-certificates/components/national-panel';
import { can } from '@/lib/authorization';
import { reportError } from '@/lib/error-reporting';
import { saveBlob } from '@/lib/files';
import { http } from '@/lib/http';

const PAGE_SIZE = 20;

/** A plan's batch: issue to its cleared candidates (a background job with progress), and all its PDFs as one ZIP. */
function BatchPanel({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useIssuanceJob(jobId);
  const running = job.data ? job.data.status === 'queued' || job.data.status === 'running' : false;
  const batch = useBatch(planId, running ? 800 : false);
  const start = useStartBatch(planId);
  const zip = usePdfZip(planId);
  const [zipJob, setZipJob] = useState<string | null>(null);
  const zipState = useJob(zipJob);
  const b = batch.data;
  return (
    <Card size="small" title={t('certificates.batch')} data-testid="batch-panel">
      <Flex vertical gap={8}>
        <Space wrap>
          <Button
            type="primary"
            loading={start.isPending || running}
            onClick={() => start.mutate(undefined, { onError: reportError, onSuccess: (r) => setJobId(r.job.id) })}
            data-testid="batch-issue"
          >
            {t('certificates.issue')}
          </Button>
          <Typography.Text data-testid="batch-issued">{t('certificates.issued', { issued: b?.issued ?? 0, total: b?.total ?? 0 })}</Typography.Text>
          {b && b.notCleared.length > 0 ? <Tag color="orange">{t('certificates.notCleared', { n: b.notCleared.length })}</Tag> : null}
          <Button
            loading={zip.isPending}
            onClick={() => zip.mutate(undefined, { onError: reportError, onSuccess: (j) => setZipJob(j.id) })}
            data-testid="pdf-zip"
          >
            {t('certificates.zip')}
          </Button>
          {zipState.data ? <Progress type="circle" size={32} percent={Math.round(zipState.data.progress * 100)} /> : null}
          {zipState.data?.status === 'done' && zipJob ? (
            <Button
              onClick={() => http.file(`/api/jobs/${zipJob}/result`).then(({ blob, filename }) => saveBlob(blob, filename ?? 'certificates.zip'), reportError)}
            >
              {t('certificates.downloadZip')}
            </Button>
          ) : null}
        </Space>
        {job.data ? (
          <Progress
            percent={Math.round(job.data.progress * 100)}
            status={job.data.status === 'failed' ? 'exception' : undefined}
            data-testid="batch-progress"
            data-status={job.data.status}
          />
        ) : null}
        {job.data?.status === 'failed' ? <Alert type="error" title={job.data.error} /> : null}
      </Flex>
    </Card>
  );
}

function RevokeModal({ c, onClose }: { c: Certificate; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const revoke = useRevoke();
  return (
    <Modal
      open
      title={t('certificates.revokeTitle', { number: c.number })}
      okText={t('certificates.revoke')}
      okButtonProps={{ danger: true, disabled: reason.trim().length < 2, id: 'revoke-ok' }}
      confirmLoading={revoke.isPending}
      onCancel={onClose}
      onOk={() => revoke.mutate({ id: c.id, reason: reason.trim() }, { onError: reportError, onSuccess: onClose })}
    >
      <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('certificates.reason')} data-testid="revoke-reason" />
    </Modal>
  );
}

function ReissueModal({ c, onClose }: { c: Certificate; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<'lost' | 'damaged'>('lost');
  const [remark, setRemark] = useState('');
  const reissue = useReissue();
  return (
    <Modal
      open
      title={t('certificates.reissueTitle', { number: c.number })}
      okButtonProps={{ disabled: remark.trim().length < 2 }}
      confirmLoading={reissue.isPending}
      onCancel={onClose}
      onOk={() => reissue.mutate({ id: c.id, reason, remark: remark.trim() }, { onError: reportError, onSuccess: onClose })}
    >
      <Flex vertical gap={8}>
        <Radio.Group value={reason} onChange={(e) => setReason(e.target.value as 'lost' | 'damaged')}>
          <Radio value="lost">{t('certificates.lost')}</Radio>
          <Radio value="damaged">{t('certificates.damaged')}</Radio>
        </Radio.Group>
        <Input.TextArea rows={2} value={remark} onChange={(e) => setRemark(e.target.value)} placeholder={t('certificates.remark')} />
      </Flex>
    </Modal>
  );
}

/** 证书: a plan's batch, the institution's (or region's) certificates — search, paging, revoke, reissue, PDF. */
export function CertificatesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const planId = params.get('planId') ?? undefined;
  const [q, setQ] = useState(params.get('q') ?? '');
  const page = Number(params.get('page') ?? '1') || 1;
  const list = useCertificates({ q: params.get('q') ?? undefined, planId, page, pageSize: PAGE_SIZE });
  const plans = useIssuablePlans();
  const [revoking, setRevoking] = useState<Certificate | null>(null);
  const [reissuing, setReissuing] = useState<Certificate | null>(null);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('certificates.title')}
      </Typography.Title>
      <Space wrap>
        <Select
          allowClear
          style={{ width: 420 }}
          placeholder={t('certificates.plan')}
          value={planId}
          loading={plans.isPending}
          options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
          onChange={(v: string | undefined) => set({ planId: v, page: undefined })}
          data-testid="plan-select"
        />
        <Input.Search
          allowClear
          style={{ width: 280 }}
          placeholder={t('certificates.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined, page: undefined })}
        />
        {can(me, 'certificate.key_rotate') ? <RotateKeyButton /> : null}
      </Space>
      {planId && can(me, 'certificate.issue') ? <BatchPanel planId={planId} /> : null}
      {planId && can(me, 'external_certificate.manage') ? <NationalPanel planId={planId} /> : null}
      <Table<Certificate>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        data-testid="certificates-table"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: (p) => set({ page: String(p) }), showSizeChanger: false }}
        columns={[
          {
            title: t('verify.fields.number'),
            dataIndex: 'number',
            render: (n: string) => <Typography.Text copyable={{ text: `${window.location.origin}/verify/${n}` }}>{n}</Typography.Text>,
          },
          { title: t('verify.fields.holder'), render: (_, c) => `${c.holderFullName}（${c.maskedIdNumber}）` },
          { title: t('verify.fields.occupation'), dataIndex: 'occupationName' },
          { title: t('verify.fields.level'), dataIndex: 'levelText' },
          { title: t('verify.fields.issuedOn'), dataIndex: 'issuedOn' },
          {
            title: t('verify.fields.status'),
            render: (_, c) => (
              <Tag color={c.status === 'valid' ? 'green' : 'red'} data-testid="certificate-status">
                {t(`verify.status.${c.status}`)}
                {c.printSerial > 1 ? ` · ${t('certificates.print', { n: c.printSerial })}` : ''}
              </Tag>
            ),
          },
          {
            title: t('certificates.actions'),
            render: (_, c) => (
              <Space size={4} wrap>
                <DownloadButton size="small" path={`/api/certificates/${c.id}/pdf`} fallbackName={`${c.number}.pdf`} data-testid="certificate-pdf">
                  PDF
                </DownloadButton>
                {c.status === 'valid' && can(me, 'certificate.revoke') ? (
                  <Button size="small" danger onClick={() => setRevoking(c)} data-testid="certificate-revoke">
                    {t('certificates.revoke')}
                  </Button>
                ) : null}
                {c.status === 'valid' && can(me, 'certificate.issue') ? (
                  <Button size="small" onClick={() => setReissuing(c)}>
                    {t('certificates.reissue')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {revoking ? <RevokeModal c={revoking} onClose={() => setRevoking(null)} /> : null}
      {reissuing ? <ReissueModal c={reissuing} onClose={() => setReissuing(null)} /> : null}
    </Flex>
  );
}
