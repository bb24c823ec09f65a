import '@/features/marking/i18n';
import type { Dispute } from '@skillcert/shared/api/marking';
import { Alert, App, Button, Card, Empty, Flex, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { useDecide, useDisputes } from '@/features/marking/api/marking';
import { errorText } from '@/lib/api-errors';

/** 主考裁定: disputed items with the examiners' marks side by side; the chief examiner's decision is final, with a reason. */
export function DisputesPage() {
  const { t } = useTranslation();
  const disputes = useDisputes();
  const items = disputes.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('marking.disputesTitle')} subtitle={t('marking.disputesSubtitle')} />
      {disputes.error ? <Alert type="error" showIcon message={errorText(disputes.error)} /> : null}
      {!disputes.isLoading && items.length === 0 ? <Empty description={t('marking.disputesEmpty')} data-testid="disputes-empty" /> : null}
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {items.map((d) => (
          <DisputeCard key={`${d.enrolmentId}:${d.partId}:${d.itemId}`} dispute={d} />
        ))}
      </Space>
    </>
  );
}

function DisputeCard({ dispute: d }: { dispute: Dispute }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const decide = useDecide();
  const [score, setScore] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const rows = [
    ...d.rubric.criteria.map((c) => ({
      key: c.id,
      label: `${c.text}（${c.points}）`,
      values: d.marks.map((m) => String(m.scores.find((s) => s.criterionId === c.id)?.score ?? '–')),
    })),
    ...(d.rubric.vetoes.length
      ? [
          {
            key: 'vetoes',
            label: t('marking.vetoes'),
            values: d.marks.map((m) => (m.vetoes.length ? m.vetoes.map((v) => d.rubric.vetoes.find((x) => x.id === v)?.text ?? v).join('；') : '–')),
          },
        ]
      : []),
    { key: 'comment', label: t('marking.comment'), values: d.marks.map((m) => m.comment ?? '') },
    { key: 'total', label: t('marking.totalLabel'), values: d.marks.map((m) => String(m.total)) },
  ];
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!reason.trim()) {
      setError(new Error(t('marking.reasonRequired')));
      return;
    }
    decide.mutate(
      { planId: d.planId, partId: d.partId, enrolmentId: d.enrolmentId, itemId: d.itemId, score: score ?? -1, reason: reason.trim() },
      { onSuccess: () => void message.success(t('marking.decided')), onError: setError },
    );
  };
  return (
    <Card
      size="small"
      data-testid={`dispute-${d.examNumber}`}
      title={
        <Flex wrap gap={8} align="center">
          <span>
            {t('marking.examNumber')} {d.examNumber}
          </span>
          <Tag>{t(`marking.parts.${d.partKind}`)}</Tag>
          <Tag color="red">{t('marking.spread', { spread: d.spread, threshold: d.threshold })}</Tag>
        </Flex>
      }
      extra={<Typography.Text type="secondary">{d.planTitle}</Typography.Text>}
    >
      <Typography.Paragraph>
        {d.stem} <Typography.Text type="secondary">{t('marking.points', { points: d.points })}</Typography.Text>
      </Typography.Paragraph>
      {d.partKind === 'theory' && d.response ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
          {t('marking.response')}：{typeof d.response === 'string' ? d.response : JSON.stringify(d.response)}
        </Typography.Paragraph>
      ) : null}
      <Table
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={rows}
        data-testid="dispute-marks"
        columns={[
          { title: t('marking.criterion'), dataIndex: 'label', key: 'label' },
          ...d.marks.map((m, k) => ({
            title: `${m.examinerName}${m.source === 'paper' ? ` · ${t('marking.source.paper')}` : ''}`,
            key: `m${k}`,
            render: (_: unknown, r: (typeof rows)[number]) => r.values[k],
          })),
        ]}
      />
      <form onSubmit={onSubmit} style={{ marginTop: 12 }}>
        <Flex wrap gap={8} align="start">
          <InputNumber
            aria-label={t('marking.decision')}
            placeholder={t('marking.decision')}
            min={0}
            max={d.points}
            step={0.5}
            value={score}
            onChange={setScore}
            data-testid="decision-score"
            inputMode="decimal"
            style={{ width: 130 }}
          />
          <Input.TextArea
            aria-label={t('marking.reason')}
            placeholder={t('marking.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={2000}
            style={{ flex: '1 1 240px' }}
            data-testid="decision-reason"
          />
          <Button type="primary" htmlType="submit" loading={decide.isPending} data-testid="decision-submit">
            {t('marking.decide')}
          </Button>
        </Flex>
        {error ? <Alert style={{ marginTop: 8 }} type="error" showIcon message={errorText(error)} data-testid="decision-error" /> : null}
      </form>
    </Card>
  );
}
