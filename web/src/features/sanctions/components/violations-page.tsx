import { SANCTION_KINDS, type SanctionKind, VIOLATION_SEVERITIES, type ViolationSummary } from '@skillcert/shared/api/sanctions';
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/features/auth/components/current-user';
import {
  useAppeal,
  useCloseViolation,
  useDecideAppeal,
  useInstitution,
  useLiftSanction,
  useRecordViolation,
  useSanctionableInstitutions,
  useViolation,
  useViolations,
  type ViolationForm,
} from '@/features/sanctions/api/violations';
import { CertificatePicker } from '@/features/sanctions/components/certificate-picker';
import '@/features/sanctions/sanctions-i18n';
import { can } from '@/lib/authorization';
import { reportError } from '@/lib/error-reporting';

const PAGE_SIZE = 20;
const STATUS_COLOR = { open: 'red', closed: 'default', annulled: 'green' } as const;

interface RecordValues {
  institutionId: string;
  type: string;
  severity: string;
  occurredOn: string;
  rule: string;
  description: string;
  kind?: SanctionKind | 'none';
  scopeLineId?: string;
  until?: string;
  certificateIds?: string[];
}

/** HR records a violation with its sanction (which acts at once). */
function RecordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordValues>();
  const institutions = useSanctionableInstitutions(open);
  const institutionId = Form.useWatch('institutionId', form);
  const kind = Form.useWatch('kind', form);
  const inst = useInstitution(institutionId);
  const record = useRecordViolation();
  const submit = (v: RecordValues) => {
    const body: ViolationForm = {
      institutionId: v.institutionId,
      type: v.type,
      severity: v.severity,
      occurredOn: v.occurredOn,
      rule: v.rule,
      description: v.description,
      ...(v.kind && v.kind !== 'none'
        ? {
            sanction: {
              kind: v.kind,
              ...(v.scopeLineId ? { scopeLineId: v.scopeLineId } : {}),
              ...(v.until ? { until: v.until } : {}),
              ...(v.kind === 'revoke_certificates' ? { certificateIds: v.certificateIds ?? [] } : {}),
            },
          }
        : {}),
    };
    record.mutate(body, {
      onError: reportError,
      onSuccess: () => {
        message.success(t('sanctions.recorded'));
        form.resetFields();
        onClose();
      },
    });
  };
  return (
    <Modal
      open={open}
      title={t('sanctions.record')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={record.isPending}
      okButtonProps={{ 'data-testid': 'violation-save' }}
      width={kind === 'revoke_certificates' ? 860 : 640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ severity: 'serious', kind: 'none' }} data-testid="violation-form">
        <Form.Item name="institutionId" label={t('sanctions.institution')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            data-testid="violation-institution"
            loading={institutions.isLoading}
            options={(institutions.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.code}）` }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="type" label={t('sanctions.type')} rules={[{ required: true, max: 60 }]}>
            <Input data-testid="violation-type" />
          </Form.Item>
          <Form.Item name="severity" label={t('sanctions.severity')} rules={[{ required: true }]}>
            <Select style={{ width: 120 }} options={VIOLATION_SEVERITIES.map((s) => ({ value: s, label: t(`sanctions.severities.${s}`) }))} />
          </Form.Item>
          <Form.Item name="occurredOn" label={t('sanctions.occurredOn')} rules={[{ required: true }]}>
            <Input type="date" data-testid="violation-date" />
          </Form.Item>
        </Space>
        <Form.Item name="rule" label={t('sanctions.rule')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="violation-rule" />
        </Form.Item>
        <Form.Item name="description" label={t('sanctions.description')} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="violation-description" />
        </Form.Item>
        <Form.Item name="kind" label={t('sanctions.sanction')}>
          <Select
            data-testid="violation-kind"
            options={[{ value: 'none', label: t('sanctions.sanctionNone') }, ...SANCTION_KINDS.map((k) => ({ value: k, label: t(`sanctions.kinds.${k}`) }))]}
          />
        </Form.Item>
        {kind === 'suspend_line' ? (
          <Form.Item name="scopeLineId" label={t('sanctions.scopeLine')} rules={[{ required: true }]}>
            <Select
              data-testid="violation-line"
              options={(inst.data?.scope ?? []).map((l) => ({
                value: l.id,
                label: `${l.specialItemName ?? l.occupationName ?? ''}${l.workType ? `（${l.workType}）` : ''}${l.level ? ` · ${l.level}` : ''}`,
              }))}
            />
          </Form.Item>
        ) : null}
        {kind === 'revoke_certificates' ? (
          <Form.Item
            name="certificateIds"
            label={t('sanctions.certificates')}
            rules={[{ required: true, type: 'array', min: 1, message: t('sanctions.certificatesRequired') }]}
          >
            <CertificatePicker institutionId={institutionId} />
          </Form.Item>
        ) : null}
        {kind === 'suspend_line' || kind === 'suspend_institution' ? (
          <Form.Item name="until" label={t('sanctions.until')}>
            <Input type="date" data-testid="violation-until" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

/** Asks for a reason, then runs the action. */
export function ReasonButton(props: {
  label: string;
  title: string;
  testId: string;
  danger?: boolean;
  run: (reason: string, done: () => void) => void;
  loading: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <>
      <Button size="small" danger={props.danger ?? false} onClick={() => setOpen(true)} data-testid={props.testId}>
        {props.label}
      </Button>
      <Modal
        open={open}
        title={props.title}
        onCancel={() => setOpen(false)}
        confirmLoading={props.loading}
        okButtonProps={{ disabled: !reason.trim(), 'data-testid': `${props.testId}-ok` }}
        onOk={() =>
          props.run(reason.trim(), () => {
            setOpen(false);
            setReason('');
          })
        }
      >
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} data-testid={`${props.testId}-reason`} />
      </Modal>
    </>
  );
}

function ViolationDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const v = useViolation(id);
  const lift = useLiftSanction();
  const close = useCloseViolation();
  const appeal = useAppeal();
  const decide = useDecideAppeal();
  const d = v.data;
  const isHr = can(me, 'institution.sanction');
  const done = (after: () => void) => ({ onError: reportError, onSuccess: after });
  return (
    <Drawer open={Boolean(id)} onClose={onClose} width={720} title={t('sanctions.detail')} data-testid="violation-drawer">
      {d ? (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('sanctions.institution')} span={2}>
              {d.institutionName}
            </Descriptions.Item>
            <Descriptions.Item label={t('sanctions.type')}>{d.type}</Descriptions.Item>
            <Descriptions.Item label={t('sanctions.severity')}>{t(`sanctions.severities.${d.severity as 'minor'}`, d.severity)}</Descriptions.Item>
            <Descriptions.Item label={t('sanctions.occurredOn')}>{d.occurredOn}</Descriptions.Item>
            <Descriptions.Item label={t('sanctions.status')}>
              <Tag color={STATUS_COLOR[d.status]} data-testid="violation-status">
                {t(`sanctions.statuses.${d.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('sanctions.rule')} span={2}>
              {d.rule}
            </Descriptions.Item>
            <Descriptions.Item label={t('sanctions.description')} span={2}>
              {d.description}
            </Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t('sanctions.sanction')}>
            {d.sanctions.map((s) => (
              <Flex key={s.id} gap={8} align="center" style={{ marginBottom: 6 }} data-testid="sanction-row">
                <Tag color={s.status === 'in_force' ? 'red' : 'default'}>{s.status === 'in_force' ? t('sanctions.inForce') : t('sanctions.lifted')}</Tag>
                <Typography.Text>
                  {t(`sanctions.kinds.${s.kind}`)}
                  {s.scopeLineLabel ? `：${s.scopeLineLabel}` : ''}
                  {s.until ? ` → ${s.until}` : ''}
                  {s.certificateIds.length ? ` ×${s.certificateIds.length}` : ''}
                </Typography.Text>
                {isHr && s.status === 'in_force' ? (
                  <ReasonButton
                    label={t('sanctions.lift')}
                    title={t('sanctions.liftReason')}
                    testId="sanction-lift"
                    loading={lift.isPending}
                    run={(reason, after) => lift.mutate({ id: s.id, reason }, done(after))}
                  />
                ) : null}
              </Flex>
            ))}
          </Card>
          <Card
            size="small"
            title={t('sanctions.appeals')}
            extra={
              can(me, 'sanction.appeal') && d.status === 'open' && !d.pendingAppeal ? (
                <ReasonButton
                  label={t('sanctions.appeal')}
                  title={t('sanctions.appealReason')}
                  testId="violation-appeal"
                  loading={appeal.isPending}
                  run={(reason, after) => appeal.mutate({ id: d.id, reason }, done(after))}
                />
              ) : null
            }
          >
            {d.appeals.map((a) => (
              <Flex key={a.id} vertical gap={4} style={{ marginBottom: 8 }}>
                <Space>
                  <Tag>{t(`sanctions.appealStatuses.${a.status}`)}</Tag>
                  <Typography.Text>{a.reason}</Typography.Text>
                </Space>
                {a.decision ? <Typography.Text type="secondary">{a.decision}</Typography.Text> : null}
                {isHr && a.status === 'pending' ? (
                  <Space>
                    <ReasonButton
                      label={t('sanctions.uphold')}
                      title={t('sanctions.decision')}
                      testId="appeal-uphold"
                      loading={decide.isPending}
                      run={(reason, after) => decide.mutate({ id: d.id, appealId: a.id, grant: false, reason }, done(after))}
                    />
                    <ReasonButton
                      label={t('sanctions.grant')}
                      title={t('sanctions.decision')}
                      testId="appeal-grant"
                      loading={decide.isPending}
                      run={(reason, after) => decide.mutate({ id: d.id, appealId: a.id, grant: true, reason }, done(after))}
                    />
                  </Space>
                ) : null}
              </Flex>
            ))}
          </Card>
          <Card
            size="small"
            title={t('sanctions.history')}
            extra={
              isHr && d.status === 'open' ? (
                <ReasonButton
                  label={t('sanctions.close')}
                  title={t('sanctions.closeReason')}
                  testId="violation-close"
                  loading={close.isPending}
                  run={(reason, after) => close.mutate({ id: d.id, reason }, done(after))}
                />
              ) : null
            }
          >
            <Timeline
              items={d.events.map((e) => ({
                children: `${e.at.slice(0, 16).replace('T', ' ')} ${e.actorName ?? ''} ${t(`sanctions.actions.${e.action as 'recorded'}`, e.action)}${e.reason ? `：${e.reason}` : ''}`,
              }))}
            />
          </Card>
        </Flex>
      ) : null}
    </Drawer>
  );
}

/** 违规与处理: HR of the region records and follows records; the institution sees its own, read-only, and appeals. */
export function ViolationsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<string | undefined>();
  const [recording, setRecording] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useViolations({ status, page, pageSize: PAGE_SIZE });
  const isHr = can(me, 'institution.sanction');
  const columns: TableColumnsType<ViolationSummary> = [
    { title: t('sanctions.institution'), dataIndex: 'institutionName' },
    { title: t('sanctions.type'), dataIndex: 'type' },
    { title: t('sanctions.description'), dataIndex: 'description', ellipsis: true },
    { title: t('sanctions.severity'), dataIndex: 'severity', render: (s: string) => t(`sanctions.severities.${s as 'minor'}`, s) },
    { title: t('sanctions.occurredOn'), dataIndex: 'occurredOn' },
    {
      title: t('sanctions.status'),
      dataIndex: 'status',
      render: (_: unknown, r) => (
        <Space>
          <Tag color={STATUS_COLOR[r.status]}>{t(`sanctions.statuses.${r.status}`)}</Tag>
          {r.sanctionsInForce ? <Tag color="red">{`${t('sanctions.sanctionsInForce')} ${r.sanctionsInForce}`}</Tag> : null}
          {r.pendingAppeal ? <Tag color="orange">{t('sanctions.pendingAppeal')}</Tag> : null}
        </Space>
      ),
    },
  ];
  return (
    <Card
      title={t('sanctions.title')}
      extra={
        isHr ? (
          <Button type="primary" onClick={() => setRecording(true)} data-testid="violation-new">
            {t('sanctions.record')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{isHr ? t('sanctions.subtitle') : t('sanctions.schoolSubtitle')}</Typography.Paragraph>
      <Select
        allowClear
        placeholder={t('sanctions.status')}
        style={{ width: 180, marginBottom: 12 }}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        options={(['open', 'closed', 'annulled'] as const).map((s) => ({ value: s, label: t(`sanctions.statuses.${s}`) }))}
      />
      <Table
        rowKey="id"
        size="small"
        data-testid="violations-table"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('sanctions.empty') }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
      <RecordModal open={recording} onClose={() => setRecording(false)} />
      <ViolationDrawer id={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
