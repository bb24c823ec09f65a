import '@/features/marking/i18n';
import type { QueueEntry } from '@skillcert/shared/api/marking';
import { Alert, App, Button, Card, Checkbox, Col, Empty, Flex, Input, InputNumber, List, Row, Space, Table, Tag, Typography } from 'antd';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilePickButton } from '@/components/file-pick-button';
import { PageHeader } from '@/components/page-header';
import { useMarkingQueue, useSaveMark, useSavePaperMark } from '@/features/marking/api/marking';
import { errorText } from '@/lib/api-errors';
import { ApiError } from '@/lib/http';

const keyOf = (e: QueueEntry) => `${e.planId}:${e.partId}:${e.enrolmentId}:${e.itemId}:${e.round}`;
const SHEET_TYPES: Record<string, 'application/pdf' | 'image/jpeg' | 'image/png'> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

function stateOf(e: QueueEntry): 'todo' | 'marked' | 'closed' {
  if (e.state === 'closed') return 'closed';
  return e.myMark ? 'marked' : 'todo';
}

/** 评分: the examiner's blind queue (exam numbers only) and the rubric form of the selected candidate's item. */
export function MarkingQueuePage() {
  const { t } = useTranslation();
  const queue = useMarkingQueue();
  const items = queue.data?.items ?? [];
  const [selected, setSelected] = useState<string | null>(null);
  const current = items.find((e) => keyOf(e) === selected) ?? items.find((e) => stateOf(e) === 'todo') ?? items[0];
  const next = () => {
    const at = current ? items.indexOf(current) : -1;
    const after = [...items.slice(at + 1), ...items.slice(0, Math.max(at, 0))].find((e) => stateOf(e) === 'todo');
    if (after) setSelected(keyOf(after));
  };

  return (
    <>
      <PageHeader title={t('marking.queueTitle')} subtitle={t('marking.queueSubtitle')} />
      {queue.error ? <Alert type="error" showIcon message={errorText(queue.error)} /> : null}
      {!queue.isLoading && items.length === 0 ? <Empty description={t('marking.empty')} data-testid="marking-empty" /> : null}
      {items.length > 0 ? (
        <Row gutter={[16, 16]}>
          <Col xs={{ span: 24, order: 2 }} md={{ span: 9, order: 1 }} lg={{ span: 7, order: 1 }}>
            <Card size="small" styles={{ body: { padding: 0 } }}>
              <List
                data-testid="marking-queue"
                dataSource={items}
                renderItem={(e) => {
                  const state = stateOf(e);
                  const active = current && keyOf(e) === keyOf(current);
                  return (
                    <List.Item
                      key={keyOf(e)}
                      data-testid={`queue-entry-${e.examNumber}-${e.position}`}
                      style={{ padding: '8px 12px', cursor: 'pointer', background: active ? '#e6f4ff' : undefined }}
                    >
                      <button
                        type="button"
                        onClick={() => setSelected(keyOf(e))}
                        style={{ all: 'unset', display: 'block', width: '100%' }}
                        aria-current={active ? 'true' : undefined}
                      >
                        <Flex justify="space-between" wrap gap={4}>
                          <Typography.Text strong>{e.examNumber}</Typography.Text>
                          <Tag color={state === 'todo' ? 'orange' : state === 'marked' ? 'blue' : 'green'}>{t(`marking.states.${state}`)}</Tag>
                        </Flex>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t(`marking.parts.${e.partKind}`)} · {t('marking.item')} {e.position + 1}
                          {e.round === 'remark' ? ` · ${t('marking.rounds.remark')}` : ''}
                        </Typography.Text>
                      </button>
                    </List.Item>
                  );
                }}
              />
            </Card>
          </Col>
          <Col xs={{ span: 24, order: 1 }} md={{ span: 15, order: 2 }} lg={{ span: 17, order: 2 }}>
            {current ? <MarkForm key={keyOf(current)} entry={current} onSaved={next} /> : null}
          </Col>
        </Row>
      ) : null}
    </>
  );
}

function MarkForm({ entry, onSaved }: { entry: QueueEntry; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveMark();
  const savePaper = useSavePaperMark();
  const initial = useMemo(() => new Map((entry.myMark?.scores ?? []).map((s) => [s.criterionId, s.score])), [entry]);
  const [scores, setScores] = useState<Record<string, number | null>>(() =>
    Object.fromEntries(entry.rubric.criteria.map((c) => [c.id, initial.get(c.id) ?? null])),
  );
  const [vetoes, setVetoes] = useState<string[]>(entry.myMark?.vetoes ?? []);
  const [comment, setComment] = useState(entry.myMark?.comment ?? '');
  const [sheet, setSheet] = useState<{ name: string; contentBase64: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const closed = entry.state === 'closed';

  const total = vetoes.length ? 0 : Object.values(scores).reduce<number>((s, v) => s + (v ?? 0), 0);
  const body = () => ({
    planId: entry.planId,
    partId: entry.partId,
    enrolmentId: entry.enrolmentId,
    itemId: entry.itemId,
    scores: entry.rubric.criteria
      .filter((c) => scores[c.id] !== null && scores[c.id] !== undefined)
      .map((c) => ({ criterionId: c.id, score: scores[c.id] as number })),
    vetoes,
    ...(comment.trim() ? { comment: comment.trim() } : {}),
  });
  const done = (andNext: boolean) => {
    setError(null);
    void message.success(t('marking.saved'));
    if (andNext) onSaved();
  };
  const submit = (andNext: boolean) => save.mutate(body(), { onSuccess: () => done(andNext), onError: setError });
  const submitPaper = () => {
    if (!sheet) {
      setError(new Error(t('marking.sheetMissing')));
      return;
    }
    const ext = sheet.name.split('.').pop()?.toLowerCase() ?? '';
    savePaper.mutate(
      { ...body(), sheet: { filename: sheet.name, mimeType: SHEET_TYPES[ext] ?? 'application/pdf', contentBase64: sheet.contentBase64 } },
      { onSuccess: () => done(false), onError: setError },
    );
  };
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    submit(true);
  };
  const issues = error instanceof ApiError ? error.issues : [];

  return (
    <Card
      size="small"
      data-testid="mark-form"
      title={
        <Flex wrap gap={8} align="center" style={{ whiteSpace: 'normal' }}>
          <span data-testid="mark-exam-number">
            {t('marking.examNumber')} {entry.examNumber}
          </span>
          <Tag>{t(`marking.parts.${entry.partKind}`)}</Tag>
          <Tag color={entry.round === 'remark' ? 'purple' : 'default'}>{t(`marking.rounds.${entry.round}`)}</Tag>
        </Flex>
      }
    >
      <form onSubmit={onSubmit}>
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <div>
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {entry.planTitle}
            </Typography.Text>
            <Typography.Text strong>
              {t('marking.item')} {entry.position + 1} · {t('marking.points', { points: entry.points })}
            </Typography.Text>
            <Typography.Paragraph style={{ marginBottom: 4 }}>{entry.stem}</Typography.Paragraph>
            {entry.partKind === 'theory' ? (
              <Card size="small" type="inner" title={t('marking.response')}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="mark-response">
                  {typeof entry.response === 'string' && entry.response
                    ? entry.response
                    : entry.response
                      ? JSON.stringify(entry.response)
                      : t('marking.noResponse')}
                </Typography.Paragraph>
              </Card>
            ) : (
              <Typography.Text type="secondary">{t('marking.observed')}</Typography.Text>
            )}
            {entry.remarkReason ? (
              <Alert type="info" showIcon style={{ marginTop: 8 }} message={t('marking.remarkReason', { reason: entry.remarkReason })} />
            ) : null}
          </div>
          {closed ? <Alert type="success" showIcon message={t('marking.closed')} /> : null}
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={entry.rubric.criteria}
            columns={[
              { title: t('marking.criterion'), dataIndex: 'text' },
              {
                title: t('marking.score'),
                key: 'score',
                width: 150,
                render: (_: unknown, c, k) => (
                  <Flex align="center" gap={4}>
                    <InputNumber
                      autoFocus={k === 0}
                      data-testid={`score-${c.id}`}
                      aria-label={`${c.text} (0–${c.points})`}
                      min={0}
                      max={c.points}
                      step={0.5}
                      disabled={closed}
                      value={scores[c.id]}
                      onChange={(v) => setScores((s) => ({ ...s, [c.id]: v }))}
                      style={{ width: 90 }}
                      inputMode="decimal"
                    />
                    <Typography.Text type="secondary">/ {c.points}</Typography.Text>
                  </Flex>
                ),
              },
            ]}
          />
          {entry.rubric.vetoes.length ? (
            <div>
              <Typography.Text strong>{t('marking.vetoes')}</Typography.Text>
              <Checkbox.Group
                disabled={closed}
                value={vetoes}
                onChange={(v) => setVetoes(v as string[])}
                style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 4 }}
                options={entry.rubric.vetoes.map((v) => ({ label: v.text, value: v.id }))}
              />
            </div>
          ) : null}
          <Input.TextArea
            aria-label={t('marking.comment')}
            placeholder={t('marking.comment')}
            disabled={closed}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            data-testid="mark-comment"
          />
          <Typography.Text strong data-testid="mark-total">
            {t('marking.total', { total })}
          </Typography.Text>
          {error ? (
            <Alert
              type="error"
              showIcon
              data-testid="mark-error"
              message={errorText(error)}
              description={issues.length ? issues.map((i) => <div key={i.path + i.message}>{i.message}</div>) : undefined}
            />
          ) : null}
          {!closed ? (
            <Flex wrap gap={8}>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="mark-save-next">
                {t('marking.saveNext')}
              </Button>
              <Button onClick={() => submit(false)} loading={save.isPending} data-testid="mark-save">
                {t('marking.save')}
              </Button>
            </Flex>
          ) : null}
          {!closed && entry.round === 'first' ? (
            <Card size="small" type="inner" title={t('marking.paper')}>
              <Typography.Paragraph type="secondary">{t('marking.paperHint')}</Typography.Paragraph>
              <Flex wrap gap={8} align="center">
                <FilePickButton accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" loading={false} onFile={setSheet} testId="mark-sheet">
                  {t('marking.pickSheet')}
                </FilePickButton>
                {sheet ? <Typography.Text>{sheet.name}</Typography.Text> : null}
                <Button onClick={submitPaper} loading={savePaper.isPending} data-testid="mark-save-paper">
                  {t('marking.savePaper')}
                </Button>
              </Flex>
            </Card>
          ) : null}
          {entry.myMark ? (
            <Typography.Text type="secondary">
              {t('marking.mine', { total: entry.myMark.total })} · {t(`marking.source.${entry.myMark.source}`)}
            </Typography.Text>
          ) : null}
        </Space>
      </form>
    </Card>
  );
}
