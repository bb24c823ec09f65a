import { FlagOutlined } from '@ant-design/icons';
import type { LiveEvent, LiveRoom, MarkProgress, RoomCandidate, RoomCandidateStatus } from '@skillcert/shared/api/supervision';
import { Alert, Badge, Button, Card, Col, Empty, Flex, Row, Skeleton, Statistic, Table, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadErrorResult } from '@/components/status-result';
import { LIVE_POLL_SECONDS, useLiveView } from '@/features/supervision/api/get-live-view';
import { FlagDialog, type FlagTarget } from '@/features/supervision/components/flag-dialog';
import { formatDateTime } from '@/lib/format';

type Event = LiveEvent;
type Room = LiveRoom;

const STATUS_COLOR: Record<RoomCandidateStatus, string> = {
  not_prepared: 'default',
  prepared: 'default',
  signed_in: 'blue',
  writing: 'processing',
  submitted: 'green',
  absent: 'red',
};
const STATUS_KEY = {
  not_prepared: 'notPrepared',
  prepared: 'prepared',
  signed_in: 'signedIn',
  writing: 'writing',
  submitted: 'submitted',
  absent: 'absent',
} as const satisfies Record<RoomCandidateStatus, string>;

/** At most this many events are kept on screen (newest first). */
const EVENTS_KEPT = 500;

/**
 * 逢考必督: the plan's rooms (who is in, writing, submitted, absent), the integrity events as they come, and marking
 * progress — polled every few seconds; each poll asks only for events after the last one shown.
 */
export function LiveView({ planId, mayFlag }: { planId: string; mayFlag: boolean }) {
  const { t } = useTranslation();
  const [after, setAfter] = useState(0);
  const [events, setEvents] = useState<Event[]>([]);
  const [flagTarget, setFlagTarget] = useState<FlagTarget | null>(null);
  const live = useLiveView(planId, after, true);
  const data = live.data;

  useEffect(() => {
    if (!data) return;
    if (data.events.length) {
      setEvents((prev) => {
        const newest = prev[0]?.id ?? 0;
        const fresh = data.events.filter((e) => e.id > newest).reverse();
        return fresh.length ? [...fresh, ...prev].slice(0, EVENTS_KEPT) : prev;
      });
    }
    if (data.lastEventId > after) setAfter(data.lastEventId);
  }, [data, after]);

  if (live.isPending) return <Skeleton active />;
  if (live.isError && !data) return <LoadErrorResult error={live.error} onRetry={() => void live.refetch()} />;
  if (!data) return null;

  return (
    <Flex vertical gap={16} data-testid="supervision-live">
      <Typography.Text type="secondary">
        {t('supervision.live.refreshed', { seconds: LIVE_POLL_SECONDS, time: formatDateTime(data.serverNow) })}
      </Typography.Text>
      {live.isError ? <Alert type="warning" showIcon message={live.error.message} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            {data.rooms.map((room) => (
              <RoomCard key={room.sittingId} room={room} mayFlag={mayFlag} onFlag={setFlagTarget} />
            ))}
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <MarksCard marks={data.marks} />
            <EventsCard events={events} />
          </Flex>
        </Col>
      </Row>
      <FlagDialog planId={planId} target={flagTarget} onClose={() => setFlagTarget(null)} />
    </Flex>
  );
}

function RoomCard({ room, mayFlag, onFlag }: { room: Room; mayFlag: boolean; onFlag: (target: FlagTarget) => void }) {
  const { t } = useTranslation();
  const where = t('supervision.live.room', { site: room.site, room: room.room });
  const when = t('supervision.live.when', { date: room.date, start: room.startTime, end: room.endTime });
  const part = t(`supervision.live.parts.${room.partKind as 'theory'}`, { defaultValue: room.partKind });
  // Only the theory exam is sat online (exam attempts); other parts' rooms list who is seated.
  const online = room.partKind === 'theory';
  return (
    <Card
      size="small"
      data-testid="supervision-room"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{where}</span>
          <Tag>{part}</Tag>
          <Typography.Text type="secondary">{when}</Typography.Text>
          {room.openFlags ? <Tag color="red">{t('supervision.live.flagged')}</Tag> : null}
        </Flex>
      }
      extra={
        mayFlag ? (
          <Button
            size="small"
            icon={<FlagOutlined />}
            data-testid="supervision-flag-room"
            onClick={() => onFlag({ kind: 'room', sittingId: room.sittingId, label: `${where} ${when}` })}
          >
            {t('supervision.live.flagRoom')}
          </Button>
        ) : null
      }
    >
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        {(online ? (['seated', 'notPrepared', 'prepared', 'signedIn', 'writing', 'submitted', 'absent'] as const) : (['seated'] as const)).map((k) => (
          <Col key={k} flex="1 0 90px">
            <Statistic title={t(`supervision.live.counts.${k}`)} value={room.counts[k]} data-testid={`room-count-${k}`} />
          </Col>
        ))}
      </Row>
      <Table
        size="small"
        rowKey="enrolmentId"
        dataSource={room.candidates}
        pagination={{ pageSize: 30, hideOnSinglePage: true, size: 'small' }}
        scroll={{ x: 560 }}
        columns={[
          { key: 'seat', title: t('supervision.live.seat'), width: 60, render: (_, c) => c.seat },
          { key: 'examNumber', title: t('supervision.live.examNumber'), render: (_, c) => c.examNumber },
          { key: 'name', title: t('supervision.live.name'), render: (_, c) => c.name },
          {
            key: 'status',
            title: t('supervision.live.status'),
            render: (_, c) => (
              <Flex gap={4} wrap>
                {online ? <Tag color={STATUS_COLOR[c.status]}>{t(`supervision.live.counts.${STATUS_KEY[c.status]}`)}</Tag> : null}
                {c.openFlags ? <Tag color="red">{t('supervision.live.flagged')}</Tag> : null}
              </Flex>
            ),
          },
          {
            key: 'switches',
            title: t('supervision.live.switches'),
            width: 70,
            render: (_, c) => (c.switchCount ? <Badge count={c.switchCount} color="orange" /> : 0),
          },
          ...(mayFlag
            ? [
                {
                  key: 'flag',
                  title: '',
                  width: 110,
                  render: (_: unknown, c: RoomCandidate) => (
                    <Button
                      size="small"
                      type="link"
                      icon={<FlagOutlined />}
                      data-testid="supervision-flag-candidate"
                      onClick={() => onFlag({ kind: 'candidate', enrolmentId: c.enrolmentId, label: `${c.name}（${c.examNumber}）` })}
                    >
                      {t('supervision.live.flagCandidate')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function MarksCard({ marks }: { marks: MarkProgress[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('supervision.live.marks')} data-testid="supervision-marks">
      {marks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervision.live.marksEmpty')} />
      ) : (
        <Table
          size="small"
          rowKey="partId"
          pagination={false}
          dataSource={marks}
          columns={[
            { key: 'part', title: '', render: (_, m) => t(`supervision.live.parts.${m.partKind as 'theory'}`, { defaultValue: m.partKind }) },
            { key: 'expected', title: t('supervision.live.expected'), render: (_, m) => m.expected },
            { key: 'waiting', title: t('supervision.live.waiting'), render: (_, m) => m.waiting },
            { key: 'agreed', title: t('supervision.live.agreed'), render: (_, m) => m.agreed },
            { key: 'disputed', title: t('supervision.live.disputed'), render: (_, m) => (m.disputed ? <Tag color="orange">{m.disputed}</Tag> : 0) },
            { key: 'decided', title: t('supervision.live.decided'), render: (_, m) => m.decided },
          ]}
        />
      )}
    </Card>
  );
}

function EventsCard({ events }: { events: Event[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('supervision.live.events')} data-testid="supervision-events" styles={{ body: { maxHeight: 480, overflowY: 'auto' } }}>
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervision.live.noEvents')} />
      ) : (
        <Timeline
          items={events.map((e) => ({
            key: e.id,
            color: e.kind === 'paste' || e.kind === 'takeover' ? 'red' : 'orange',
            children: (
              <span data-testid="supervision-event">
                <Typography.Text strong>{t(`supervision.live.eventKinds.${e.kind as 'paste'}`, { defaultValue: e.kind })}</Typography.Text> {e.examNumber} ·{' '}
                {e.room}
                <br />
                <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
              </span>
            ),
          }))}
        />
      )}
    </Card>
  );
}
