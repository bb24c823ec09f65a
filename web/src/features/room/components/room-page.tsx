import '@/features/room/i18n';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { RoomCandidate, RoomEvent } from '@skillcert/shared/api/exams';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Image,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Row,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { PageHeader } from '@/components/page-header';
import { LoadErrorResult } from '@/components/status-result';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { type RoomAction, usePrepareCopies, useRoom, useRoomAction, useRoomEvents } from '@/features/room/api/room';
import { errorText } from '@/lib/api-errors';
import { can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';

const STATUS_COLOR: Record<string, string> = { prepared: 'default', signed_in: 'blue', writing: 'processing', submitted: 'green', absent: 'red' };
const COUNT_KEYS = ['prepared', 'signed_in', 'writing', 'submitted', 'absent'] as const;

function timeOnly(iso: string | null | undefined): string {
  return iso ? formatDateTime(iso).slice(-8) : '—';
}

/** The live log: polled with the last id seen, newest first on screen. */
function LiveEvents({ sittingId }: { sittingId: string }) {
  const { t } = useTranslation();
  const [after, setAfter] = useState(0);
  const [events, setEvents] = useState<RoomEvent[]>([]);
  const page = useRoomEvents(sittingId, after);
  useEffect(() => {
    const data = page.data;
    if (!data || data.items.length === 0) return;
    setEvents((prev) => {
      const known = new Set(prev.map((e) => e.id));
      return [...data.items.filter((e) => !known.has(e.id)).reverse(), ...prev].slice(0, 300);
    });
    if (data.lastId > after) setAfter(data.lastId);
  }, [page.data, after]);
  const kindText = (kind: string) => t(`room.eventKinds.${kind}` as 'room.eventKinds.paste', { defaultValue: kind });
  /** What an event carries worth a glance: how it was submitted, minutes granted, the reason given. */
  const detail = (e: RoomEvent): string => {
    const d = typeof e.data === 'object' && e.data !== null ? (e.data as Record<string, unknown>) : {};
    const parts: string[] = [];
    if (typeof d.how === 'string') parts.push(t(`room.submittedHow.${d.how}` as 'room.submittedHow.candidate', { defaultValue: d.how }));
    if (typeof d.minutes === 'number' && e.kind === 'time_extended') parts.push(t('room.eventMinutes', { minutes: d.minutes }));
    if (typeof d.reason === 'string' && d.reason) parts.push(d.reason);
    return parts.join(' · ');
  };
  return (
    <Card title={t('room.events')} size="small" styles={{ body: { maxHeight: 560, overflowY: 'auto', padding: 0 } }}>
      <List
        size="small"
        dataSource={events}
        locale={{ emptyText: t('room.noEvents') }}
        data-testid="room-events"
        renderItem={(e) => (
          <List.Item data-testid="room-event" data-kind={e.kind}>
            <Flex vertical gap={0} style={{ width: '100%' }}>
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>{e.name}</Typography.Text>
                <Typography.Text type="secondary">{timeOnly(e.at)}</Typography.Text>
              </Flex>
              <Typography.Text type={['focus_lost', 'tab_hidden', 'fullscreen_left', 'paste'].includes(e.kind) ? 'warning' : undefined}>
                {kindText(e.kind)}
                {detail(e) ? ` · ${detail(e)}` : ''}
                {e.actorName ? ` · ${e.actorName}` : ''}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.examNumber}
                {e.address ? ` · ${e.address}` : ''}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

type Dialog = { kind: 'extra-time' | 'allow-takeover' | 'submit'; candidate: RoomCandidate } | null;

/**
 * 考场 — the invigilator's room screen of one sitting (`/sittings/:id/room`): counts at the top, the candidates with their
 * photos (confirm identity, mark absent, allow a takeover, extra time with a reason, submit on behalf), and the live
 * event log (切屏, reconnects, takeovers …). Both poll.
 */
export function RoomPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const room = useRoom(id);
  const act = useRoomAction(id);
  const prepare = usePrepareCopies(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm<{ minutes?: number; reason?: string }>();
  const mayAct = can(me, 'exam.invigilate');

  if (room.isPending) return <Spin />;
  if (room.isError || !room.data) return <LoadErrorResult error={room.error} onRetry={() => void room.refetch()} />;
  const view = room.data;
  const s = view.sitting;

  const run = async (candidate: RoomCandidate, action: RoomAction) => {
    try {
      await act.mutateAsync({ attemptId: candidate.attemptId, action });
      void message.success(t('room.done'));
      setDialog(null);
    } catch (e) {
      void message.error(errorText(e, t));
    }
  };

  const openDialog = (kind: NonNullable<Dialog>['kind'], candidate: RoomCandidate) => {
    form.resetFields();
    form.setFieldsValue(kind === 'extra-time' ? { minutes: 10 } : kind === 'allow-takeover' ? { minutes: 5 } : {});
    setDialog({ kind, candidate });
  };

  const confirmDialog = async () => {
    if (!dialog) return;
    const values = await form.validateFields();
    const reason = values.reason?.trim() ?? '';
    if (dialog.kind === 'extra-time') await run(dialog.candidate, { kind: 'extra-time', body: { minutes: values.minutes ?? 10, reason } });
    else if (dialog.kind === 'allow-takeover')
      await run(dialog.candidate, { kind: 'allow-takeover', body: { minutes: values.minutes ?? 5, ...(reason ? { reason } : {}) } });
    else await run(dialog.candidate, { kind: 'submit', body: { reason } });
  };

  const ended = (c: RoomCandidate) => c.status === 'submitted' || c.status === 'absent';
  const columns: TableColumnsType<RoomCandidate> = [
    { key: 'seat', title: t('room.seat'), width: 60, render: (_, c) => c.seat ?? '—' },
    {
      key: 'photo',
      title: t('room.photo'),
      width: 72,
      render: (_, c) => (c.photoUrl ? <Image src={c.photoUrl} width={48} alt={c.name} data-testid="room-photo" /> : <Tag>{t('room.noPhoto')}</Tag>),
    },
    {
      key: 'name',
      title: t('room.name'),
      width: 170,
      render: (_, c) => (
        <Flex vertical gap={0}>
          <Typography.Text strong>{c.name}</Typography.Text>
          <Typography.Text type="secondary" copyable={{ text: c.examNumber }} style={{ fontSize: 12 }}>
            {c.examNumber}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'status',
      title: t('room.state'),
      width: 130,
      render: (_, c) => (
        <Flex vertical gap={2}>
          <Tag color={STATUS_COLOR[c.status]} data-testid="room-status" data-status={c.status}>
            {t(`room.status.${c.status}`)}
          </Tag>
          {c.submittedHow ? <Typography.Text type="secondary">{t(`room.submittedHow.${c.submittedHow}`)}</Typography.Text> : null}
          {c.takeoverUntil ? <Typography.Text type="warning">{t('room.takeoverOpen', { time: timeOnly(c.takeoverUntil) })}</Typography.Text> : null}
        </Flex>
      ),
    },
    {
      key: 'identity',
      title: t('room.identity'),
      width: 120,
      render: (_, c) =>
        c.identityConfirmed ? (
          <Tag color="green">{t('room.confirmed')}</Tag>
        ) : mayAct && c.status !== 'absent' ? (
          <Button size="small" onClick={() => void run(c, { kind: 'confirm-identity' })} data-testid="room-confirm">
            {t('room.confirm')}
          </Button>
        ) : (
          '—'
        ),
    },
    { key: 'answered', title: t('room.answered'), width: 80, render: (_, c) => `${c.answeredCount}/${c.itemCount}` },
    {
      key: 'switches',
      title: t('room.switches'),
      width: 70,
      render: (_, c) =>
        c.switchCount > 0 ? <Tag color={view.sitting.switchLimit && c.switchCount >= view.sitting.switchLimit ? 'red' : 'orange'}>{c.switchCount}</Tag> : 0,
    },
    { key: 'lastSeen', title: t('room.lastSeen'), width: 100, render: (_, c) => timeOnly(c.lastSeen) },
    { key: 'extra', title: t('room.extra'), width: 90, render: (_, c) => (c.extraMinutes ? t('room.extraMinutes', { minutes: c.extraMinutes }) : '—') },
    ...(mayAct
      ? [
          {
            key: 'actions',
            title: t('room.actions'),
            width: 300,
            render: (_: unknown, c: RoomCandidate) =>
              ended(c) ? null : (
                <Flex gap={4} wrap>
                  {c.status === 'prepared' ? (
                    <Popconfirm title={t('room.absentConfirm', { name: c.name })} onConfirm={() => run(c, { kind: 'absent', body: {} })}>
                      <Button size="small" danger data-testid="room-absent">
                        {t('room.absent')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                  {c.status !== 'prepared' ? (
                    <Button size="small" onClick={() => openDialog('allow-takeover', c)} data-testid="room-takeover">
                      {t('room.takeover')}
                    </Button>
                  ) : null}
                  <Button size="small" onClick={() => openDialog('extra-time', c)} data-testid="room-extra">
                    {t('room.extraTime')}
                  </Button>
                  {c.status === 'writing' ? (
                    <Button size="small" onClick={() => openDialog('submit', c)} data-testid="room-submit">
                      {t('room.submitOnBehalf')}
                    </Button>
                  ) : null}
                </Flex>
              ),
          },
        ]
      : []),
  ];

  const dialogTitle = dialog
    ? dialog.kind === 'extra-time'
      ? t('room.extraTitle', { name: dialog.candidate.name })
      : dialog.kind === 'allow-takeover'
        ? t('room.takeoverTitle', { name: dialog.candidate.name })
        : t('room.submitTitle', { name: dialog.candidate.name })
    : '';
  const reasonRequired = dialog?.kind !== 'allow-takeover';

  return (
    <>
      <PageHeader
        title={t('room.title', { room: s.room })}
        subtitle={t('room.subtitle', { plan: s.planTitle, date: s.date, start: s.startTime, end: s.endTime, site: s.site })}
        extra={
          <>
            {can(me, 'plan.read') ? (
              <Link to={`/plans/${s.planId}`}>
                <Button icon={<ArrowLeftOutlined />}>{t('room.backToPlan')}</Button>
              </Link>
            ) : null}
            {mayAct && view.unprepared > 0 ? (
              <Button
                type="primary"
                loading={prepare.isPending}
                onClick={() =>
                  prepare.mutate(undefined, {
                    onSuccess: (r) => void message.success(t('room.prepared', { prepared: r.prepared, total: r.total })),
                    onError: (e) => void message.error(errorText(e, t)),
                  })
                }
                data-testid="room-prepare"
              >
                {t('room.prepare', { count: view.unprepared })}
              </Button>
            ) : null}
          </>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="room-counts">
        <Col xs={8} md={4}>
          <Card size="small">
            <Statistic title={t('room.counts.total')} value={view.candidates.length} />
          </Card>
        </Col>
        {COUNT_KEYS.map((k) => (
          <Col xs={8} md={4} key={k}>
            <Card size="small" data-testid={`room-count-${k}`}>
              <Statistic title={t(`room.counts.${k}`)} value={view.counts[k] ?? 0} />
            </Card>
          </Col>
        ))}
      </Row>
      {act.error ? <ApiErrorAlert error={act.error} onClose={() => act.reset()} style={{ marginBottom: 12 }} /> : null}
      <Row gutter={16}>
        <Col xs={24} xxl={17}>
          <Card size="small">
            <Table<RoomCandidate>
              rowKey="attemptId"
              size="small"
              pagination={false}
              columns={columns}
              dataSource={view.candidates}
              scroll={{ x: 1250 }}
              locale={{ emptyText: t('room.empty') }}
              data-testid="room-candidates"
              onRow={(c) => ({ 'data-exam-number': c.examNumber }) as React.HTMLAttributes<HTMLElement>}
            />
          </Card>
        </Col>
        <Col xs={24} xxl={7}>
          <LiveEvents sittingId={id} />
        </Col>
      </Row>
      <Modal
        open={dialog !== null}
        title={dialogTitle}
        onCancel={() => setDialog(null)}
        onOk={() => void confirmDialog()}
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        {dialog?.kind === 'submit' ? <Alert type="warning" showIcon title={dialogTitle} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical" preserve={false}>
          {dialog?.kind === 'extra-time' || dialog?.kind === 'allow-takeover' ? (
            <Form.Item name="minutes" label={dialog.kind === 'extra-time' ? t('room.minutes') : t('room.takeoverMinutes')} rules={[{ required: true }]}>
              <InputNumber min={1} max={dialog.kind === 'extra-time' ? 240 : 30} data-testid="room-dialog-minutes" />
            </Form.Item>
          ) : null}
          <Form.Item
            name="reason"
            label={t('room.reason')}
            rules={reasonRequired ? [{ required: true, min: 2, whitespace: true, message: t('room.reasonRequired') }] : []}
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="room-dialog-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
