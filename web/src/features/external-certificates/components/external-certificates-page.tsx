import { PlusOutlined } from '@ant-design/icons';
import {
  EXTERNAL_CHANNELS,
  EXTERNAL_KINDS,
  type ExternalCertificate,
  type ExternalCertificateBody,
  type ExternalChannel,
  type ExternalImportReport,
  type ExternalKind,
} from '@skillcert/shared/api/external-certificates';
import { Alert, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DownloadButton } from '@/components/download-button';
import { FilePickButton } from '@/components/file-pick-button';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useExternalCertificates, useImportExternal, useRecordExternal, useWithdrawExternal } from '@/features/external-certificates/api/external-certificates';
import { can } from '@/lib/authorization';
import { reportError } from '@/lib/error-reporting';

const PAGE_SIZE = 20;

interface FormValues extends Omit<ExternalCertificateBody, 'issuedOn' | 'idType'> {
  issuedOn: { format: (f: string) => string };
}

function AddModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const record = useRecordExternal();
  const kind = Form.useWatch('kind', form);
  return (
    <Modal
      open
      width={640}
      title={t('externalCertificates.add')}
      okButtonProps={{ id: 'external-save' }}
      confirmLoading={record.isPending}
      onCancel={onClose}
      onOk={() =>
        form
          .validateFields()
          .then((v) =>
            record.mutate(
              { ...v, idType: 'resident_id', issuedOn: v.issuedOn.format('YYYY-MM-DD'), level: v.level ?? null },
              { onError: reportError, onSuccess: onClose },
            ),
          )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'skill_level', channel: 'social_organisation' }}>
        <Space wrap>
          <Form.Item name="holderName" label={t('externalCertificates.holder')} rules={[{ required: true, max: 50 }]}>
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="idNumber" label={t('externalCertificates.idNumber')} rules={[{ required: true, min: 5, max: 30 }]}>
            <Input style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="kind" label={t('externalCertificates.kind')} rules={[{ required: true }]}>
            <Select style={{ width: 200 }} options={EXTERNAL_KINDS.map((k) => ({ value: k, label: t(`externalCertificates.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="channel" label={t('externalCertificates.channel')} rules={[{ required: true }]}>
            <Select style={{ width: 200 }} options={EXTERNAL_CHANNELS.map((c) => ({ value: c, label: t(`externalCertificates.channels.${c}`) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="issuerName" label={t('externalCertificates.issuer')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="number"
          label={t('externalCertificates.number')}
          extra={kind === 'qualification' || kind === 'skill_level' ? t('externalCertificates.numberHint') : undefined}
          rules={[{ required: true, max: 64 }]}
        >
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="occupationCode" label={t('externalCertificates.occupationCode')}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="occupationName" label={t('externalCertificates.occupation')} rules={[{ required: true, max: 100 }]}>
            <Input style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="workType" label={t('externalCertificates.workType')}>
            <Input style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="level" label={t('externalCertificates.level')}>
            <InputNumber min={1} max={5} />
          </Form.Item>
          <Form.Item name="issuedOn" label={t('externalCertificates.issuedOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="majorCode" label={t('externalCertificates.majorCode')}>
            <Input style={{ width: 120 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function ImportResult({ report }: { report: ExternalImportReport }) {
  const { t } = useTranslation();
  if (!report.errors.length)
    return (
      <Alert
        type="success"
        showIcon
        data-testid="import-done"
        title={t('externalCertificates.imported', { created: report.created, unchanged: report.unchanged })}
      />
    );
  return (
    <Flex vertical gap={8} data-testid="import-errors">
      <Alert type="error" showIcon title={t('externalCertificates.importRefused', { n: report.errors.length })} />
      <Table
        size="small"
        rowKey={(e) => `${e.row}:${e.field}:${e.code}`}
        pagination={false}
        dataSource={report.errors}
        columns={[
          { title: t('externalCertificates.row'), dataIndex: 'row', width: 80 },
          { title: t('externalCertificates.field'), dataIndex: 'field', width: 160 },
          { title: t('externalCertificates.problem'), dataIndex: 'message' },
        ]}
      />
    </Flex>
  );
}

/** 外部证书: certificates the school's students gained elsewhere (recorded, never verified by us); bureaus read. */
export function ExternalCertificatesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const manage = can(me, 'external_certificate.manage');
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const page = Number(params.get('page') ?? '1') || 1;
  const kind = (params.get('kind') ?? undefined) as ExternalKind | undefined;
  const list = useExternalCertificates({ q: params.get('q') ?? undefined, kind, page, pageSize: PAGE_SIZE });
  const importer = useImportExternal();
  const withdraw = useWithdrawExternal();
  const [report, setReport] = useState<ExternalImportReport | null>(null);
  const [adding, setAdding] = useState(false);
  const [withdrawing, setWithdrawing] = useState<ExternalCertificate | null>(null);
  const [reason, setReason] = useState('');
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
        {t('externalCertificates.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('externalCertificates.subtitle')}</Typography.Text>
      <Space wrap>
        <Input.Search
          allowClear
          style={{ width: 280 }}
          placeholder={t('externalCertificates.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined, page: undefined })}
        />
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('externalCertificates.kind')}
          value={kind}
          options={EXTERNAL_KINDS.map((k) => ({ value: k, label: t(`externalCertificates.kinds.${k}`) }))}
          onChange={(v: string | undefined) => set({ kind: v, page: undefined })}
        />
        {manage ? (
          <>
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="external-add">
              {t('externalCertificates.add')}
            </Button>
            <DownloadButton path="/api/external-certificates/template.xlsx" fallbackName="external-certificates.xlsx" data-testid="external-template">
              {t('externalCertificates.template')}
            </DownloadButton>
            <FilePickButton
              accept=".xlsx"
              loading={importer.isPending}
              testId="external-import"
              onFile={(f) => importer.mutate(f.contentBase64, { onError: reportError, onSuccess: setReport })}
            >
              {t('externalCertificates.import')}
            </FilePickButton>
          </>
        ) : (
          <Tag>{t('externalCertificates.readOnly')}</Tag>
        )}
      </Space>
      {report ? <ImportResult report={report} /> : null}
      <Table<ExternalCertificate>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        data-testid="external-table"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: (p) => set({ page: String(p) }), showSizeChanger: false }}
        columns={[
          { title: t('externalCertificates.number'), dataIndex: 'number', render: (n: string) => <Typography.Text copyable>{n}</Typography.Text> },
          { title: t('externalCertificates.holder'), render: (_, c) => `${c.holderName}（${c.maskedIdNumber}）` },
          {
            title: t('externalCertificates.kind'),
            render: (_, c) => (
              <Space size={4}>
                <Tag color="purple">{t('externalCertificates.external')}</Tag>
                {t(`externalCertificates.kinds.${c.kind}`)}
              </Space>
            ),
          },
          { title: t('externalCertificates.channel'), render: (_, c) => t(`externalCertificates.channels.${c.channel as ExternalChannel}`) },
          { title: t('externalCertificates.issuer'), dataIndex: 'issuerName' },
          { title: t('externalCertificates.occupation'), render: (_, c) => `${c.occupationName}${c.level ? ` · ${c.level}` : ''}` },
          { title: t('externalCertificates.issuedOn'), dataIndex: 'issuedOn' },
          ...(me.organisation.kind === 'school' ? [] : [{ title: t('externalCertificates.school'), dataIndex: 'orgName' }]),
          {
            title: t('externalCertificates.status'),
            render: (_, c) => <Tag color={c.status === 'recorded' ? 'blue' : 'default'}>{t(`externalCertificates.statuses.${c.status}`)}</Tag>,
          },
          ...(manage
            ? [
                {
                  title: t('externalCertificates.actions'),
                  render: (_: unknown, c: ExternalCertificate) =>
                    c.status === 'recorded' ? (
                      <Button size="small" danger onClick={() => setWithdrawing(c)} data-testid="external-withdraw">
                        {t('externalCertificates.withdraw')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {adding ? <AddModal onClose={() => setAdding(false)} /> : null}
      {withdrawing ? (
        <Modal
          open
          title={t('externalCertificates.withdrawTitle', { number: withdrawing.number })}
          okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
          confirmLoading={withdraw.isPending}
          onCancel={() => setWithdrawing(null)}
          onOk={() =>
            withdraw.mutate(
              { id: withdrawing.id, reason: reason.trim() },
              {
                onError: reportError,
                onSuccess: () => {
                  setWithdrawing(null);
                  setReason('');
                },
              },
            )
          }
        >
          <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('externalCertificates.reason')} />
        </Modal>
      ) : null}
    </Flex>
  );
}
