import { CheckCircleFilled } from '@ant-design/icons';
import type { ItemType } from '@skillcert/shared/api/banks';
import { Card, Checkbox, Flex, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ItemTypeTag } from '@/features/items/components/item-tags';

export interface PreviewContent {
  type: ItemType;
  stem: string;
  options: readonly { key: string; text: string }[];
  answer: readonly string[];
  points?: number | null;
  referenceAnswer?: string | null;
  analysis?: string | null;
  rubric?: { criteria: readonly { text: string; points: number }[]; vetoes: readonly string[]; durationMinutes?: number | null } | null;
}

interface ItemPreviewProps {
  item: PreviewContent;
  /** 第 n 题 */
  position?: number;
  /** The marking side: answer key, reference answer, analysis and rubric (off: what the candidate sees). */
  showAnswer?: boolean;
  extra?: ReactNode;
  'data-testid'?: string;
}

const blank = (s: string | null | undefined) => !s || !s.trim();

/** How a candidate sees the item (answer areas inert); with `showAnswer`, the marking side underneath. */
export function ItemPreview({ item, position, showAnswer = false, extra, 'data-testid': testId = 'item-preview' }: ItemPreviewProps) {
  const { t } = useTranslation();
  const correct = new Set(item.answer);
  const optionLabel = (o: { key: string; text: string }) => (
    <span>
      <Typography.Text strong>{o.key}. </Typography.Text>
      {o.text || <Typography.Text type="secondary">{t('itemEditor.emptyOption')}</Typography.Text>}
      {showAnswer && correct.has(o.key) ? <CheckCircleFilled style={{ color: '#52c41a', marginInlineStart: 6 }} aria-label={t('itemEditor.correct')} /> : null}
    </span>
  );

  let answerArea: ReactNode = null;
  switch (item.type) {
    case 'single':
      answerArea = (
        <Radio.Group value={showAnswer ? item.answer[0] : undefined} style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
          {item.options.map((o) => (
            <Radio key={o.key} value={o.key}>
              {optionLabel(o)}
            </Radio>
          ))}
        </Radio.Group>
      );
      break;
    case 'multiple':
      answerArea = (
        <Checkbox.Group value={showAnswer ? [...item.answer] : []} style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
          {item.options.map((o) => (
            <Checkbox key={o.key} value={o.key}>
              {optionLabel(o)}
            </Checkbox>
          ))}
        </Checkbox.Group>
      );
      break;
    case 'judge':
      answerArea = (
        <Radio.Group value={showAnswer ? item.answer[0] : undefined}>
          <Radio value="true">{t('itemEditor.true')}</Radio>
          <Radio value="false">{t('itemEditor.false')}</Radio>
        </Radio.Group>
      );
      break;
    case 'subjective':
      answerArea = <Input.TextArea rows={4} placeholder={t('itemEditor.answerArea')} readOnly />;
      break;
    case 'practical':
      answerArea = item.rubric?.durationMinutes ? (
        <Typography.Text type="secondary">{t('itemEditor.durationText', { n: item.rubric.durationMinutes })}</Typography.Text>
      ) : null;
      break;
  }

  return (
    <Card size="small" data-testid={testId}>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
        {position !== undefined ? <Typography.Text strong>{t('itemEditor.position', { n: position })}</Typography.Text> : null}
        <ItemTypeTag type={item.type} />
        {item.points ? <Tag>{t('itemEditor.pointsText', { n: item.points })}</Tag> : null}
        {extra}
      </Flex>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 12 }} data-testid={`${testId}-stem`}>
        {blank(item.stem) ? <Typography.Text type="secondary">{t('itemEditor.emptyStem')}</Typography.Text> : item.stem}
      </Typography.Paragraph>
      <div style={{ pointerEvents: 'none' }}>{answerArea}</div>
      {showAnswer ? (
        <Space
          orientation="vertical"
          size={8}
          style={{ width: '100%', marginTop: 12, paddingTop: 12, borderTop: '1px dashed rgba(5,5,5,0.15)' }}
          data-testid={`${testId}-answer`}
        >
          {item.type === 'single' || item.type === 'multiple' ? (
            <Typography.Text>{t('itemEditor.answerText', { answer: item.answer.join('') || '—' })}</Typography.Text>
          ) : null}
          {item.type === 'judge' ? (
            <Typography.Text>
              {t('itemEditor.answerText', {
                answer: item.answer[0] === 'true' ? t('itemEditor.true') : item.answer[0] === 'false' ? t('itemEditor.false') : '—',
              })}
            </Typography.Text>
          ) : null}
          {!blank(item.referenceAnswer) ? (
            <div>
              <Typography.Text strong>{t('itemEditor.fields.referenceAnswer')}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{item.referenceAnswer}</Typography.Paragraph>
            </div>
          ) : null}
          {item.rubric && item.rubric.criteria.length ? (
            <div>
              <Typography.Text strong>{t('itemEditor.fields.rubric')}</Typography.Text>
              <Table
                size="small"
                pagination={false}
                rowKey={(_, i) => String(i)}
                dataSource={[...item.rubric.criteria]}
                columns={[
                  { key: 'n', title: '#', width: 40, render: (_, __, i) => i + 1 },
                  { key: 'text', title: t('itemEditor.criterion'), render: (_, c) => c.text },
                  { key: 'points', title: t('itemEditor.criterionPoints'), width: 70, render: (_, c) => c.points },
                ]}
              />
              {item.rubric.vetoes.length ? (
                <div style={{ marginTop: 6 }}>
                  <Typography.Text type="danger">{t('itemEditor.vetoesTitle')}</Typography.Text>
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {item.rubric.vetoes.map((v, i) => (
                      <li key={i}>{v}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </div>
          ) : null}
          {!blank(item.analysis) ? (
            <div>
              <Typography.Text strong>{t('itemEditor.fields.analysis')}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{item.analysis}</Typography.Paragraph>
            </div>
          ) : null}
        </Space>
      ) : null}
    </Card>
  );
}
