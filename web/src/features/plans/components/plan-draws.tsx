import type { DrawReplay, PlanDetail } from '@skillcert/shared/api/plans';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useDrawExaminers, useDraws, useReplayDraw } from '@/features/plans/api/draws';
import { PlanRefusalAlert } from '@/features/plans/components/plan-refusal-alert';
import { can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';

/**
 * 考评员随机抽取: each practical sitting's draw with its seed, the eligible pool, who was excluded and why (回避), the log;
 * the school draws while the plan is a draft; anyone who may read the plan (a supervisor above all) replays it.
 */
export function PlanDraws({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const draws = useDraws(plan.id);
  const draw = useDrawExaminers();
  const replay = useReplayDraw();
  const [replayed, setReplayed] = useState<DrawReplay | null>(null);
  const [refusal, setRefusal] = useState<unknown>(null);
  const mayDraw = can(me, 'plan.manage') && plan.orgId === me.organisation.id && ['draft', 'returned'].includes(plan.status);
  const practical = plan.parts.flatMap((p) => (p.kind === 'practical' ? p.sittings : []));
  const names = new Map(plan.parts.flatMap((p) => p.sittings.flatMap((s) => s.staff.map((m) => [m.certificateNo, m.name] as const))));
  const label = (cert: string) => (names.get(cert) ? `${names.get(cert)}（${cert}）` : cert);

  const onDraw = async (sittingId: string) => {
    setRefusal(null);
    try {
      await draw.mutateAsync({ id: plan.id, sittingId });
      void message.success(t('plans.draws.done'));
      void draws.refetch();
    } catch (error) {
      setRefusal(error);
    }
  };

  if (practical.length === 0) return null;
  return (
    <Card title={t('plans.draws.title')} extra={<Typography.Text type="secondary">{t('plans.draws.hint')}</Typography.Text>} data-testid="plan-draws">
      {refusal ? <PlanRefusalAlert error={refusal} onClose={() => setRefusal(null)} /> : null}
      {mayDraw ? (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          {practical.map((s) => (
            <Button key={s.id} loading={draw.isPending} onClick={() => void onDraw(s.id)} data-testid="plan-draw-button">
              {t('plans.draws.drawFor', { when: `${s.date} ${s.startTime}`, room: s.room })}
            </Button>
          ))}
        </Flex>
      ) : null}
      {(draws.data ?? []).length === 0 ? (
        <Empty description={t('plans.draws.none')} />
      ) : (
        (draws.data ?? []).map((d) => {
          const sitting = practical.find((s) => s.id === d.sittingId);
          return (
            <Card key={d.id} size="small" type="inner" style={{ marginBottom: 8 }} data-testid="plan-draw">
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('plans.draws.sitting')}>
                  {sitting ? `${sitting.date} ${sitting.startTime} · ${sitting.room}` : d.sittingId}
                </Descriptions.Item>
                <Descriptions.Item label={t('plans.draws.at')}>{formatDateTime(d.at)}</Descriptions.Item>
                <Descriptions.Item label={t('plans.draws.seed')}>
                  <Typography.Text code copyable>
                    {d.seed}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('plans.draws.count')}>{d.count}</Descriptions.Item>
                <Descriptions.Item label={t('plans.draws.pool')} span={2}>
                  {d.pool.map(label).join('、')}
                </Descriptions.Item>
                <Descriptions.Item label={t('plans.draws.excluded')} span={2}>
                  {d.excluded.length
                    ? d.excluded
                        .map((x) => `${label(x.certificateNo)}：${t(`plans.draws.reasons.${x.reason as 'not_certified'}`, { defaultValue: x.reason })}`)
                        .join('；')
                    : t('common.none')}
                </Descriptions.Item>
                <Descriptions.Item label={t('plans.draws.drawn')} span={2}>
                  <Flex gap={4} wrap>
                    {d.drawn.map((c) => (
                      <Tag key={c} color="purple">
                        {label(c)}
                      </Tag>
                    ))}
                  </Flex>
                </Descriptions.Item>
              </Descriptions>
              <Button
                size="small"
                loading={replay.isPending}
                onClick={() => void replay.mutateAsync({ id: plan.id, drawId: d.id }).then(setReplayed)}
                data-testid="plan-draw-replay"
              >
                {t('plans.draws.replay')}
              </Button>
            </Card>
          );
        })
      )}
      <Modal open={replayed !== null} title={t('plans.draws.replayTitle')} onCancel={() => setReplayed(null)} footer={null} width={720}>
        {replayed ? (
          <>
            <Alert
              type={replayed.matches ? 'success' : 'error'}
              showIcon
              title={replayed.matches ? t('plans.draws.matches') : t('plans.draws.differs')}
              description={replayed.replayed.map(label).join('、')}
              data-testid="plan-draw-replay-result"
              style={{ marginBottom: 12 }}
            />
            <Typography.Paragraph type="secondary">{t('plans.draws.log')}</Typography.Paragraph>
            <pre style={{ maxHeight: 320, overflow: 'auto', fontSize: 12 }}>{JSON.stringify(replayed.draw.log, null, 2)}</pre>
          </>
        ) : null}
      </Modal>
    </Card>
  );
}
