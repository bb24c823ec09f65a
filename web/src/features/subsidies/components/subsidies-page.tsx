import type { Certificate } from '@skillcert/shared/api/certificates';
import type { BulkClaimResult, SubsidyClaim, SubsidyStatus } from '@skillcert/shared/api/subsidies';
import { Alert, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Segmented, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DownloadButton } from '@/components/download-button';
import { FilePickButton } from '@/components/file-pick-button';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useCertificates } from '@/features/certificates/api/certificates';
import { can } from '@/lib/authorization';
import { reportError } from '@/lib/error-reporting';
import { useBulkClaim, useBulkClaimXlsx, useClaims, useRecordPayment, useReviewClaim, useTotals } from '../api/subsidies';
import { SubsidyChecks, SubsidyStatusTag } from './subsidy-checks';

const PAGE_SIZE = 20;
const XLSX = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 职业技能提升补贴 (R11) for staff: HR's review queue (to review, to pay, all — each check shown), approve / refuse,
 * payment record and totals; the school's claims, bulk application and totals.
 */
export function SubsidiesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const reviewer = can(me, 'subsidy.review');
  const applicant = can(me, 'subsidy.apply');
  const tabs = [
    ...(reviewer
      ? [
          { key: 'todo', label: t('subsidies.tabs.todo'), children: <ClaimList todo status="submitted" /> },
          { key: 'pay', label: t('subsidies.tabs.toPay'), children: <ClaimList todo status="approved" /> },
        ]
      : []),
    { key: 'all', label: t('subsidies.tabs.all'), children: <ClaimList todo={false} /> },
    ...(applicant ? [{ key: 'bulk', label: t('subsidies.tabs.bulk'), children: <BulkApplication /> }] : []),
    { key: 'totals', label: t('subsidies.tabs.totals'), children: <TotalsTable /> },
  ];
  const active = params.get('tab') ?? tabs[0]!.key;
  return (
    <Flex vertical gap={8}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('subsidies.title')}
      </Typography.Title>
      <Tabs activeKey={active} onChange={(k) => setParams({ tab: k })} items={tabs} destroyOnHidden data-testid="subsidy-tabs" />
    </Flex>
  );
}

function ClaimList({ todo, status: fixedStatus }: { todo: boolean; status?: SubsidyStatus }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<SubsidyStatus | undefined>(fixedStatus);
  const [level, setLevel] = useState<number | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const list = useClaims({ todo: todo || undefined, status, level, q, page, pageSize: PAGE_SIZE });
  const [reviewing, setReviewing] = useState<{ claim: SubsidyClaim; decision: 'approve' | 'refuse' } | null>(null);
  const [paying, setPaying] = useState<SubsidyClaim | null>(null);
  const reviewer = can(me, 'subsidy.review');
  const own = (c: SubsidyClaim) => reviewer && c.regionCode === me.organisation.regionCode;
  return (
    <Flex vertical gap={8}>
      <Space wrap>
        {todo ? null : (
          <Select<SubsidyStatus>
            allowClear
            style={{ width: 160 }}
            placeholder={t('subsidies.filters.status')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={(['submitted', 'approved', 'refused', 'paid'] as const).map((s) => ({ value: s, label: t(`subsidies.status.${s}`) }))}
            data-testid="subsidy-status-filter"
          />
        )}
        <Select<number>
          allowClear
          style={{ width: 160 }}
          placeholder={t('subsidies.filters.level')}
          value={level}
          onChange={(v) => {
            setLevel(v);
            setPage(1);
          }}
          options={([5, 4, 3, 2, 1] as const).map((l) => ({ value: l, label: t(`levels.${l}`) }))}
        />
        <Input.Search
          allowClear
          style={{ width: 240 }}
          placeholder={t('subsidies.filters.search')}
          onSearch={(v) => {
            setQ(v.trim() || undefined);
            setPage(1);
          }}
        />
      </Space>
      <Table<SubsidyClaim>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        data-testid="subsidy-table"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        expandable={{ expandedRowRender: (c) => <SubsidyChecks checks={c.checks} /> }}
        columns={[
          {
            title: t('subsidies.fields.holder'),
            render: (_, c) => (
              <span data-testid="subsidy-row" data-holder={c.holderName}>
                {c.holderName}（{c.maskedIdNumber}）
              </span>
            ),
          },
          { title: t('subsidies.fields.certificate'), dataIndex: 'certificateNumber' },
          { title: t('subsidies.fields.occupation'), render: (_, c) => `${c.occupationName} ${t(`levels.${c.level as 1 | 2 | 3 | 4 | 5}`)}` },
          { title: t('subsidies.fields.school'), dataIndex: 'schoolName' },
          { title: t('subsidies.fields.bank'), dataIndex: 'bankAccountMasked' },
          { title: t('subsidies.fields.amount'), dataIndex: 'amount' },
          {
            title: t('subsidies.fields.checks'),
            render: (_, c) => {
              const failed = c.checks.filter((k) => k.outcome === 'fail').length;
              return <Tag color={failed ? 'red' : 'green'}>{`${c.checks.length - failed}/${c.checks.length}`}</Tag>;
            },
          },
          {
            title: t('subsidies.fields.status'),
            render: (_, c) => (
              <Flex vertical gap={2}>
                <SubsidyStatusTag status={c.status} />
                {c.reason ? <Typography.Text type="secondary">{c.reason}</Typography.Text> : null}
                {c.paidOn ? (
                  <Typography.Text type="secondary">
                    {t('subsidies.paidLine', { paidOn: c.paidOn, amount: String(c.paidAmount ?? ''), reference: c.bankReference ?? '' })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          { title: t('subsidies.fields.reviewer'), render: (_, c) => c.reviewerName ?? c.regionCode },
          {
            title: '',
            render: (_, c) =>
              own(c) ? (
                <Space size={4}>
                  {c.status === 'submitted' ? (
                    <>
                      <Button size="small" type="primary" onClick={() => setReviewing({ claim: c, decision: 'approve' })} data-testid="subsidy-approve">
                        {t('subsidies.approve')}
                      </Button>
                      <Button size="small" danger onClick={() => setReviewing({ claim: c, decision: 'refuse' })} data-testid="subsidy-refuse">
                        {t('subsidies.refuse')}
                      </Button>
                    </>
                  ) : null}
                  {c.status === 'approved' ? (
                    <Button size="small" type="primary" onClick={() => setPaying(c)} data-testid="subsidy-pay">
                      {t('subsidies.pay')}
                    </Button>
                  ) : null}
                </Space>
              ) : null,
          },
        ]}
      />
      {reviewing ? <ReviewModal claim={reviewing.claim} decision={reviewing.decision} onClose={() => setReviewing(null)} /> : null}
      {paying ? <PaymentModal claim={paying} onClose={() => setPaying(null)} /> : null}
    </Flex>
  );
}

function ReviewModal({ claim, decision, onClose }: { claim: SubsidyClaim; decision: 'approve' | 'refuse'; onClose: () => void }) {
  const { t } = useTranslation();
  const review = useReviewClaim();
  const [form] = Form.useForm<{ reason?: string }>();
  return (
    <Modal
      open
      title={`${decision === 'approve' ? t('subsidies.approve') : t('subsidies.refuse')} · ${claim.holderName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: review.isPending, danger: decision === 'refuse', 'data-testid': 'subsidy-review-submit' }}
      destroyOnHidden
    >
      <SubsidyChecks checks={claim.checks} />
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        onFinish={(v) => review.mutate({ id: claim.id, decision, ...(v.reason ? { reason: v.reason } : {}) }, { onSuccess: onClose, onError: reportError })}
      >
        {decision === 'refuse' ? (
          <Form.Item name="reason" label={t('subsidies.refuseReason')} rules={[{ required: true, min: 2, max: 500 }]}>
            <Input.TextArea rows={3} data-testid="subsidy-refuse-reason" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

function PaymentModal({ claim, onClose }: { claim: SubsidyClaim; onClose: () => void }) {
  const { t } = useTranslation();
  const pay = useRecordPayment();
  const [form] = Form.useForm<{ paidOn: dayjs.Dayjs; amount: number; bankReference: string }>();
  return (
    <Modal
      open
      title={`${t('subsidies.pay')} · ${claim.holderName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: pay.isPending, 'data-testid': 'subsidy-pay-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ paidOn: dayjs(), amount: claim.amount }}
        onFinish={(v) =>
          pay.mutate(
            { id: claim.id, paidOn: v.paidOn.format('YYYY-MM-DD'), amount: v.amount, bankReference: v.bankReference },
            { onSuccess: onClose, onError: reportError },
          )
        }
      >
        <Form.Item name="paidOn" label={t('subsidies.paidOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="amount" label={t('subsidies.paidAmount')} rules={[{ required: true }]}>
          <InputNumber min={1} max={claim.amount} precision={0} data-testid="subsidy-pay-amount" />
        </Form.Item>
        <Form.Item name="bankReference" label={t('subsidies.bankReference')} rules={[{ required: true, min: 4, max: 64 }]}>
          <Input data-testid="subsidy-pay-reference" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The school applies for its students: tick valid certificates and enter bank accounts, or import Excel. */
function BulkApplication() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const certs = useCertificates({ status: 'valid', page, pageSize: PAGE_SIZE });
  const [selected, setSelected] = useState<string[]>([]);
  const [accounts, setAccounts] = useState<Record<string, string>>({});
  const bulk = useBulkClaim();
  const xlsx = useBulkClaimXlsx();
  const [result, setResult] = useState<BulkClaimResult | null>(null);
  return (
    <Flex vertical gap={8}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('subsidies.bulkIntro')}
      </Typography.Paragraph>
      <Space wrap>
        <DownloadButton path="/api/subsidy-claims/template.xlsx" fallbackName="subsidy-template.xlsx">
          {t('subsidies.template')}
        </DownloadButton>
        <FilePickButton
          accept={XLSX}
          loading={xlsx.isPending}
          testId="subsidy-xlsx"
          onFile={(f) => xlsx.mutate({ filename: f.name, contentBase64: f.contentBase64 }, { onSuccess: setResult, onError: reportError })}
        >
          {t('subsidies.importXlsx')}
        </FilePickButton>
        <Button
          type="primary"
          disabled={!selected.length || selected.some((n) => !accounts[n])}
          loading={bulk.isPending}
          data-testid="subsidy-bulk-submit"
          onClick={() =>
            bulk.mutate(
              selected.map((n) => ({ certificateNumber: n, bankAccount: accounts[n] ?? '' })),
              { onSuccess: setResult, onError: reportError },
            )
          }
        >
          {t('subsidies.bulkSubmit', { count: selected.length })}
        </Button>
      </Space>
      <Table<Certificate>
        rowKey="number"
        size="small"
        loading={certs.isFetching}
        dataSource={certs.data?.items ?? []}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), preserveSelectedRowKeys: true }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: certs.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('subsidies.fields.holder'), render: (_, c) => `${c.holderFullName}（${c.maskedIdNumber}）` },
          { title: t('subsidies.fields.certificate'), dataIndex: 'number' },
          { title: t('subsidies.fields.occupation'), render: (_, c) => `${c.occupationName} ${c.levelText}` },
          { title: t('subsidies.fields.issuedOn'), dataIndex: 'issuedOn' },
          {
            title: t('subsidies.bankAccount'),
            render: (_, c) => (
              <Input
                size="small"
                inputMode="numeric"
                autoComplete="off"
                style={{ width: 220 }}
                value={accounts[c.number] ?? ''}
                onChange={(e) => setAccounts((a) => ({ ...a, [c.number]: e.target.value }))}
              />
            ),
          },
        ]}
      />
      {result ? <BulkResult result={result} /> : null}
    </Flex>
  );
}

function BulkResult({ result }: { result: BulkClaimResult }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8} data-testid="subsidy-bulk-result">
      <Alert
        type={result.refused ? 'warning' : 'success'}
        showIcon
        message={t('subsidies.bulkResult', { created: result.created, existing: result.existing, refused: result.refused })}
      />
      <Table
        rowKey="row"
        size="small"
        pagination={false}
        dataSource={result.rows}
        columns={[
          { title: t('subsidies.row'), dataIndex: 'row', width: 60 },
          { title: t('subsidies.fields.certificate'), dataIndex: 'certificateNumber' },
          {
            title: t('subsidies.fields.status'),
            render: (_, r) => (
              <Tag color={r.outcome === 'refused' ? 'red' : r.outcome === 'created' ? 'green' : 'default'}>{t(`subsidies.rowOutcome.${r.outcome}`)}</Tag>
            ),
          },
          { title: t('subsidies.fields.reason'), render: (_, r) => r.message ?? '' },
        ]}
      />
    </Flex>
  );
}

function TotalsTable() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<'month' | 'year'>('month');
  const totals = useTotals(period);
  return (
    <Flex vertical gap={8}>
      <Space wrap>
        <Segmented<'month' | 'year'>
          value={period}
          onChange={setPeriod}
          options={[
            { value: 'month', label: t('subsidies.period.month') },
            { value: 'year', label: t('subsidies.period.year') },
          ]}
        />
        <DownloadButton path="/api/subsidy-claims/totals.xlsx" query={{ period }} fallbackName="subsidy-totals.xlsx" data-testid="subsidy-totals-export">
          {t('subsidies.totals.export')}
        </DownloadButton>
      </Space>
      <Table
        rowKey={(l) => `${l.regionCode}-${l.period}-${l.level}`}
        size="small"
        loading={totals.isFetching}
        dataSource={totals.data?.lines ?? []}
        pagination={false}
        data-testid="subsidy-totals"
        columns={[
          { title: t('subsidies.totals.region'), render: (_, l) => `${l.regionName}（${l.regionCode}）` },
          { title: t('subsidies.totals.period'), dataIndex: 'period' },
          { title: t('subsidies.fields.level'), render: (_, l) => t(`levels.${l.level as 1 | 2 | 3 | 4 | 5}`) },
          { title: t('subsidies.totals.claims'), dataIndex: 'claims' },
          { title: t('subsidies.totals.submitted'), dataIndex: 'submitted' },
          { title: t('subsidies.totals.approved'), dataIndex: 'approved' },
          { title: t('subsidies.totals.refused'), dataIndex: 'refused' },
          { title: t('subsidies.totals.paid'), dataIndex: 'paid' },
          { title: t('subsidies.totals.approvedAmount'), dataIndex: 'approvedAmount' },
          { title: t('subsidies.totals.paidAmount'), dataIndex: 'paidAmount' },
        ]}
      />
    </Flex>
  );
}
