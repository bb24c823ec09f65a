import '@/features/enrolments/i18n';
import '@/features/publicity/i18n';
import '@/features/room/i18n';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import type { PlanAction, PlanDetail, SittingView } from '@skillcert/shared/api/plans';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Skeleton,
  Table,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { BatchArchiveButton } from '@/features/ledger/components/batch-archive-button';
import { PageHeader } from '@/components/page-header';
import { LoadErrorResult } from '@/components/status-result';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useDecideChange } from '@/features/plans/api/decide-change';
import { useDecidePlan } from '@/features/plans/api/decide-plan';
import { usePlan } from '@/features/plans/api/get-plan';
import { usePlanChecks } from '@/features/plans/api/get-plan-checks';
import { useMovePlan } from '@/features/plans/api/move-plan';
import { useSubmitPlan } from '@/features/plans/api/submit-plan';
import { useAssignSupervisors, useSupervisorOptions } from '@/features/plans/api/supervisors';
import { PlanChecksTable } from '@/features/plans/components/plan-checks-table';
import { PlanDraws } from '@/features/plans/components/plan-draws';
import { PlanRefusalAlert } from '@/features/plans/components/plan-refusal-alert';
import { PlanStatusTag } from '@/features/plans/components/plan-status-tag';
import { planSubjectText } from '@/features/plans/components/plan-subject-text';
import { can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';

type Dialog = null | 'acknowledge' | 'return' | 'withdraw' | 'supervisors' | 'changeReturn';

export function PlanDetailPage() {
  const { id } = useParams<{ id: string }>();
  const plan = usePlan(id);
  if (plan.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (plan.isError) return <LoadErrorResult error={plan.error} onRetry={() => void plan.refetch()} />;
  return <PlanView plan={plan.data} />;
}

interface SittingRow extends SittingView {
  partKind: string;
  kind: string;
  partIndex: number;
}

function PlanView({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const checks = usePlanChecks(plan.id);
  const submit = useSubmitPlan();
  const decide = useDecidePlan();
  const move = useMovePlan();
  const assign = useAssignSupervisors();
  const decideChange = useDecideChange();
  const pending = plan.changeRequests.find((c) => c.status === 'pending');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [form] = Form.useForm<{ reason?: string; supervisorIds?: string[] }>();
  const hr = can(me, 'plan.acknowledge');
  const mayAssign = hr && (plan.allowedActions.includes('acknowledge') || ['submitted', 'acknowledged', 'in_progress'].includes(plan.status));
  const supervisorOptions = useSupervisorOptions(plan.id, mayAssign);
  const mine = plan.orgId === me.organisation.id;

  const run = async (fn: () => Promise<unknown>, done: string) => {
    setRefusal(null);
    try {
      await fn();
      setDialog(null);
      form.resetFields();
      void message.success(done);
    } catch (error) {
      setDialog(null);
      setRefusal(error);
    }
  };

  const onAction = (a: PlanAction) => {
    if (a === 'acknowledge' || a === 'return' || a === 'withdraw') return setDialog(a);
    if (a === 'submit') return void run(() => submit.mutateAsync({ id: plan.id, expectedStatus: plan.status }), t('plans.submitted'));
    void run(
      () => move.mutateAsync({ id: plan.id, action: a as 'start' | 'start_marking' | 'publish' | 'close', expectedStatus: plan.status }),
      t('plans.moved'),
    );
  };

  const onDialogOk = async () => {
    const values = await form.validateFields();
    if (dialog === 'acknowledge' || dialog === 'return') {
      await run(
        () =>
          decide.mutateAsync({
            id: plan.id,
            action: dialog,
            expectedStatus: plan.status,
            ...(values.reason ? { reason: values.reason } : {}),
            ...(values.supervisorIds?.length ? { supervisorIds: values.supervisorIds } : {}),
          }),
        dialog === 'acknowledge' ? t('plans.acknowledged') : t('plans.returned'),
      );
    } else if (dialog === 'withdraw') {
      await run(() => move.mutateAsync({ id: plan.id, action: 'withdraw', reason: values.reason ?? '', expectedStatus: plan.status }), t('plans.moved'));
    } else if (dialog === 'changeReturn' && pending) {
      await run(() => decideChange.mutateAsync({ id: plan.id, changeId: pending.id, decision: 'return', reason: values.reason ?? '' }), t('plans.returned'));
    } else if (dialog === 'supervisors') {
      await run(() => assign.mutateAsync({ id: plan.id, userIds: values.supervisorIds ?? [] }), t('plans.supervisorsAssigned'));
    }
  };

  const rows: SittingRow[] = plan.parts.flatMap((p, i) =>
    p.sittings.map((s) => ({ ...s, kind: p.kind, partKind: t(`plans.partKinds.${p.kind}`), partIndex: i })),
  );
  const columns: TableColumnsType<SittingRow> = [
    { key: 'part', title: t('plans.fields.partKind'), width: 110, render: (_, s) => s.partKind },
    { key: 'when', title: t('plans.fields.date'), width: 170, render: (_, s) => `${s.date} ${s.startTime}–${s.endTime}` },
    { key: 'where', title: t('plans.fields.site'), width: 220, render: (_, s) => `${s.site} · ${s.room}` },
    { key: 'capacity', title: t('plans.fields.sittingCapacity'), width: 80, render: (_, s) => s.capacity },
    {
      key: 'staff',
      title: t('plans.fields.staff'),
      render: (_, s) => (
        <Flex gap={4} wrap>
          {s.staff.map((m) => (
            <Tag key={m.id} color={m.drawId ? 'purple' : m.role === 'invigilator' ? 'default' : 'blue'}>
              {t(`plans.roles.${m.role}`)}·{m.name || m.certificateNo}
            </Tag>
          ))}
        </Flex>
      ),
    },
    // The invigilator's room screen of a theory sitting (online exam), for those who run or watch it.
    ...(can(me, 'exam.invigilate') || can(me, 'exam.monitor')
      ? [
          {
            key: 'room',
            title: t('room.open'),
            width: 80,
            render: (_: unknown, s: SittingRow) =>
              s.kind === 'theory' ? (
                <Link to={`/sittings/${s.id}/room`} data-testid="sitting-room-link">
                  {t('room.open')}
                </Link>
              ) : null,
          },
        ]
      : []),
  ];

  const actions = plan.allowedActions;
  return (
    <>
      <PageHeader
        title={<span data-testid="plan-title">{plan.title}</span>}
        subtitle={<PlanStatusTag status={plan.status} data-testid="plan-status" />}
        extra={
          <>
            <Link to="/plans">
              <Button icon={<ArrowLeftOutlined />}>{t('plans.backToList')}</Button>
            </Link>
            {can(me, 'enrolment.read') ? (
              <Link to={`/plans/${plan.id}/enrolment`}>
                <Button data-testid="plan-enrolment">{t('enrolment.title')}</Button>
              </Link>
            ) : null}
            {can(me, 'result.read') && ['in_progress', 'marking', 'publicity', 'closed'].includes(plan.status) ? (
              <Link to={`/plans/${plan.id}/results`}>
                <Button data-testid="plan-results">{t('results.title')}</Button>
              </Link>
            ) : null}
            {can(me, 'supervision.read') && !['draft', 'returned', 'submitted'].includes(plan.status) ? (
              <Link to={`/plans/${plan.id}/supervision`}>
                <Button data-testid="plan-supervision">{t('nav.supervision')}</Button>
              </Link>
            ) : null}
            {['in_progress', 'marking', 'publicity', 'closed'].includes(plan.status) ? (
              <Link to={`/plans/${plan.id}/marking`}>
                <Button data-testid="plan-marking">{t('markingNav.progress')}</Button>
              </Link>
            ) : null}
            {!['draft', 'returned'].includes(plan.status) ? <BatchArchiveButton planId={plan.id} /> : null}
            {mine && can(me, 'plan.manage') && ['draft', 'returned'].includes(plan.status) ? (
              <Link to={`/plans/${plan.id}/edit`}>
                <Button icon={<EditOutlined />} data-testid="plan-edit">
                  {t('common.edit')}
                </Button>
              </Link>
            ) : null}
          </>
        }
      />
      {refusal ? <PlanRefusalAlert error={refusal} onClose={() => setRefusal(null)} /> : null}
      <Flex vertical gap={16}>
        <Card>
          <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
            <Descriptions.Item label={t('plans.fields.school')}>{plan.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('plans.fields.subject')}>{planSubjectText(plan, t)}</Descriptions.Item>
            <Descriptions.Item label={t('plans.fields.basis')}>{t(`plans.basis.${plan.basis}`)}</Descriptions.Item>
            <Descriptions.Item label={t('plans.fields.method')}>{t(`plans.method.${plan.method}`)}</Descriptions.Item>
            <Descriptions.Item label={t('plans.fields.candidateSources')}>
              {plan.candidateSources.map((s) => t(`plans.sources.${s}`)).join('、')}
            </Descriptions.Item>
            <Descriptions.Item label={t('plans.fields.capacity')}>{plan.capacity}</Descriptions.Item>
            <Descriptions.Item label={t('plans.fields.firstSitting')}>{plan.firstSitting ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('plans.fields.internalSupervisor')}>{plan.internalSupervisor ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('plans.fields.supervisors')}>
              <span data-testid="plan-supervisors">
                {plan.supervisors.length ? plan.supervisors.map((s) => s.displayName).join('、') : t('plans.noSupervisor')}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('plans.fields.version')}>{plan.version}</Descriptions.Item>
            <Descriptions.Item label={t('plans.fields.submittedAt')}>{plan.submittedAt ? formatDateTime(plan.submittedAt) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('plans.fields.acknowledgedAt')}>{plan.acknowledgedAt ? formatDateTime(plan.acknowledgedAt) : '—'}</Descriptions.Item>
          </Descriptions>
          {actions.length || mayAssign ? (
            <Flex gap={8} wrap style={{ marginTop: 12 }}>
              {actions.map((a) => (
                <Button
                  key={a}
                  type={a === 'acknowledge' || a === 'submit' ? 'primary' : 'default'}
                  danger={a === 'return' || a === 'withdraw'}
                  onClick={() => onAction(a)}
                  data-testid={`plan-action-${a}`}
                >
                  {t(`plans.actions.${a}`)}
                </Button>
              ))}
              {mayAssign && !actions.includes('acknowledge') ? (
                <Button onClick={() => setDialog('supervisors')} data-testid="plan-assign-supervisors">
                  {t('plans.assignSupervisors')}
                </Button>
              ) : null}
            </Flex>
          ) : null}
          {plan.status === 'acknowledged' && plan.supervisors.length === 0 ? (
            <Alert type="warning" showIcon title={t('plans.needSupervisor')} style={{ marginTop: 12 }} />
          ) : null}
        </Card>
        <Card title={t('plans.sittingsTitle')}>
          <Table<SittingRow> rowKey="id" size="small" pagination={false} columns={columns} dataSource={rows} data-testid="plan-sittings" />
        </Card>
        {checks.data ? (
          <Card title={t('plans.checks.title')}>
            <PlanChecksTable checks={checks.data.checks} data-testid="plan-checks" />
          </Card>
        ) : null}
        <PlanDraws plan={plan} />
        {plan.changeRequests.length ? (
          <Card title={t('plans.changesTitle')}>
            {plan.changeRequests.map((c) => (
              <Flex key={c.id} vertical gap={4} style={{ marginBottom: 8 }}>
                <Typography.Text>
                  {formatDateTime(c.createdAt)} · {t(`plans.changeStatus.${c.status}`)} · {c.reason}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {c.changes.sittings.map((s) => [s.date, s.startTime, s.endTime, s.site, s.room].filter(Boolean).join(' ')).join('；')}
                </Typography.Text>
                {hr && c.status === 'pending' ? (
                  <Flex gap={8}>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() =>
                        void run(() => decideChange.mutateAsync({ id: plan.id, changeId: c.id, decision: 'acknowledge' }), t('plans.changeAcknowledged'))
                      }
                      data-testid="plan-change-acknowledge"
                    >
                      {t('plans.changeAcknowledge')}
                    </Button>
                    <Button size="small" danger onClick={() => setDialog('changeReturn')} data-testid="plan-change-return">
                      {t('plans.changeReturn')}
                    </Button>
                  </Flex>
                ) : null}
              </Flex>
            ))}
          </Card>
        ) : null}
        <Card title={t('plans.timelineTitle')}>
          <Timeline
            data-testid="plan-timeline"
            items={plan.events.map((e) => ({
              key: e.id,
              content: (
                <Flex vertical gap={2} data-testid="plan-event" data-action={e.action}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(e.at)} · {e.actorName ?? ''} {e.actorOrg ? `（${e.actorOrg}）` : ''}
                  </Typography.Text>
                  <Flex gap={8} align="center">
                    <Typography.Text strong>{t(`plans.events.${e.action}`, { defaultValue: e.action }) as string}</Typography.Text>
                    <PlanStatusTag status={e.toStatus} />
                  </Flex>
                  {e.reason ? <Typography.Text>{t('plans.reason', { reason: e.reason })}</Typography.Text> : null}
                </Flex>
              ),
            }))}
          />
        </Card>
      </Flex>
      <Modal
        open={dialog !== null}
        title={
          dialog
            ? dialog === 'supervisors'
              ? t('plans.assignSupervisors')
              : dialog === 'changeReturn'
                ? t('plans.changeReturn')
                : t(`plans.actions.${dialog}`)
            : ''
        }
        onCancel={() => setDialog(null)}
        onOk={() => void onDialogOk()}
        okButtonProps={{ 'data-testid': 'plan-dialog-ok' }}
        confirmLoading={decide.isPending || move.isPending || assign.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {dialog === 'acknowledge' || dialog === 'supervisors' ? (
            <Form.Item
              name="supervisorIds"
              label={t('plans.fields.supervisors')}
              extra={t('plans.supervisorHint')}
              rules={dialog === 'supervisors' ? [{ required: true, message: t('plans.form.required') }] : []}
            >
              <Select
                mode="multiple"
                data-testid="plan-supervisor-select"
                options={(supervisorOptions.data ?? []).map((s) => ({ value: s.userId, label: `${s.displayName}（${s.username}）` }))}
              />
            </Form.Item>
          ) : null}
          {dialog === 'return' || dialog === 'withdraw' || dialog === 'changeReturn' ? (
            <Form.Item name="reason" label={t('plans.fields.reason')} rules={[{ required: true, whitespace: true, message: t('plans.form.required') }]}>
              <Input.TextArea rows={3} data-testid="plan-reason" />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
