import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ITEM_TYPES, type ItemBody, type ItemDetail, type ItemType, OPTION_KEYS } from '@skillcert/shared/api/banks';
import { Alert, App, Button, Cascader, Checkbox, Col, Drawer, Flex, Form, Input, InputNumber, Radio, Row, Select, Slider, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlueprints } from '@/features/blueprints/api/get-blueprints';
import { nodeOptions, partOfType } from '@/features/blueprints/components/blueprint-nodes';
import { BlueprintSelect } from '@/features/blueprints/components/blueprint-select';
import { useCreateItem } from '@/features/items/api/create-item';
import { useUpdateItem } from '@/features/items/api/update-item';
import { ItemPreview, type PreviewContent } from '@/features/items/components/item-preview';
import { applyFieldIssues } from '@/lib/form';
import { round2 } from '@skillcert/shared/numbers';

interface FormValues {
  blueprintId?: string;
  type?: ItemType;
  /** [areaCode] or [areaCode, pointCode] */
  node?: string[];
  stem?: string;
  options?: { text?: string }[];
  /** One key (single, 判断 "true"/"false") or several (multiple). */
  answer?: string | string[];
  referenceAnswer?: string;
  points?: number;
  difficulty?: number;
  analysis?: string;
  criteria?: { text?: string; points?: number }[];
  vetoes?: string[];
  durationMinutes?: number | null;
}

const CHOICE: ReadonlySet<ItemType> = new Set(['single', 'multiple']);
const RUBRIC: ReadonlySet<ItemType> = new Set(['subjective', 'practical']);
const trimmed = (s: string | undefined) => (s ?? '').trim();

function answerList(type: ItemType | undefined, answer: FormValues['answer']): string[] {
  if (!type || answer === undefined || answer === null) return [];
  if (type === 'multiple') return (Array.isArray(answer) ? [...answer] : [answer]).sort();
  if (type === 'single' || type === 'judge') return Array.isArray(answer) ? answer.slice(0, 1) : answer ? [answer] : [];
  return [];
}

function preview(v: FormValues): PreviewContent {
  const type = v.type ?? 'single';
  const criteria = (v.criteria ?? []).map((c) => ({ text: trimmed(c?.text), points: c?.points ?? 0 }));
  return {
    type,
    stem: v.stem ?? '',
    options: CHOICE.has(type) ? (v.options ?? []).map((o, i) => ({ key: OPTION_KEYS[i] ?? '?', text: o?.text ?? '' })) : [],
    answer: answerList(type, v.answer),
    points: v.points,
    referenceAnswer: v.referenceAnswer,
    analysis: v.analysis,
    rubric: RUBRIC.has(type) && criteria.length ? { criteria, vetoes: (v.vetoes ?? []).filter(Boolean), durationMinutes: v.durationMinutes ?? null } : null,
  };
}

function toBody(v: FormValues): ItemBody {
  const type = v.type ?? 'single';
  const criteria = (v.criteria ?? []).map((c) => ({ text: trimmed(c.text), points: c.points ?? 0 }));
  const vetoes = (v.vetoes ?? []).map((x) => trimmed(x)).filter(Boolean);
  return {
    blueprintId: v.blueprintId ?? '',
    areaCode: v.node?.[0] ?? '',
    pointCode: v.node?.[1] ?? null,
    type,
    stem: trimmed(v.stem),
    options: CHOICE.has(type) ? (v.options ?? []).map((o, i) => ({ key: OPTION_KEYS[i] ?? 'A', text: trimmed(o.text) })) : [],
    answer: answerList(type, v.answer),
    referenceAnswer: trimmed(v.referenceAnswer) || null,
    points: v.points ?? 1,
    difficulty: v.difficulty ?? 3,
    analysis: trimmed(v.analysis) || null,
    rubric: RUBRIC.has(type) && criteria.length ? { criteria, vetoes, durationMinutes: v.durationMinutes ?? null } : null,
  };
}

function initialValues(item: ItemDetail | undefined, blueprintId: string | undefined): FormValues {
  if (!item) {
    return { blueprintId, type: 'single', options: [{}, {}, {}, {}], points: 1, difficulty: 3, criteria: [], vetoes: [] };
  }
  return {
    blueprintId: item.blueprintId,
    type: item.type,
    node: item.pointCode ? [item.areaCode, item.pointCode] : [item.areaCode],
    stem: item.stem,
    options: item.options.map((o) => ({ text: o.text })),
    answer: item.type === 'multiple' ? item.answer : item.answer[0],
    referenceAnswer: item.referenceAnswer ?? undefined,
    points: item.points,
    difficulty: item.difficulty,
    analysis: item.analysis ?? undefined,
    criteria: item.rubric?.criteria.map((c) => ({ ...c })) ?? [],
    vetoes: item.rubric?.vetoes ?? [],
    durationMinutes: item.rubric?.durationMinutes ?? null,
  };
}

interface ItemEditorDrawerProps {
  open: boolean;
  /** Edit this item (a new version); create when absent. */
  item?: ItemDetail;
  /** The blueprint a new item starts in (the bank page's filter). */
  blueprintId?: string;
  onClose: () => void;
  onSaved?: (item: ItemDetail) => void;
}

/** Writes or edits an item, with a live preview of how a candidate sees it (and the marking side). */
export function ItemEditorDrawer({ open, item, blueprintId, onClose, onSaved }: ItemEditorDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateItem();
  const update = useUpdateItem();
  const saving = create.isPending || update.isPending;
  const values = (Form.useWatch((v: FormValues) => v, form) ?? {}) as FormValues;
  const type = values.type ?? item?.type ?? 'single';
  const blueprints = useBlueprints();
  const blueprint = blueprints.data?.find((b) => b.id === values.blueprintId);
  const part = partOfType(type);
  const areaOptions = useMemo(() => (blueprint ? nodeOptions(blueprint[part]) : []), [blueprint, part]);
  const optionKeys: string[] = (values.options ?? []).map((_, i) => OPTION_KEYS[i] ?? '?');
  const criteriaSum = round2((values.criteria ?? []).reduce((s, c) => s + (c?.points ?? 0), 0));

  const onFinish = (v: FormValues) => {
    const handlers = {
      onSuccess: (saved: ItemDetail) => {
        void message.success(item ? t('itemEditor.savedVersion', { version: saved.version }) : t('itemEditor.created'));
        onSaved?.(saved);
        onClose();
      },
      onError: (error: Error) => applyFieldIssues(form, error),
    };
    if (item) update.mutate({ id: item.id, body: toBody(v) }, handlers);
    else create.mutate(toBody(v), handlers);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={1160}
      destroyOnHidden
      title={item ? t('itemEditor.editTitle', { version: item.version }) : t('itemEditor.createTitle')}
      data-testid="item-editor"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="item-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Row gutter={24}>
        <Col xs={24} lg={14}>
          {item?.status === 'reviewed' ? <Alert type="info" showIcon title={t('itemEditor.newVersionHint')} style={{ marginBottom: 16 }} /> : null}
          <Form<FormValues>
            form={form}
            layout="vertical"
            disabled={saving}
            initialValues={initialValues(item, blueprintId)}
            onFinish={onFinish}
            onValuesChange={(changed: Partial<FormValues>, all: FormValues) => {
              if ('blueprintId' in changed) form.setFieldValue('node', undefined);
              if ('type' in changed) {
                form.setFieldValue('answer', undefined);
                // `type` is still the one before this change: a theory item moving to 实操 (or back) changes blueprint part.
                if (partOfType(changed.type ?? 'single') !== partOfType(type)) form.setFieldValue('node', undefined);
                if (CHOICE.has(changed.type ?? 'single') && (all.options ?? []).length === 0) form.setFieldValue('options', [{}, {}, {}, {}]);
              }
            }}
          >
            <Row gutter={12}>
              <Col span={14}>
                <Form.Item name="blueprintId" label={t('itemEditor.fields.blueprint')} rules={[{ required: true, message: t('itemEditor.blueprintRequired') }]}>
                  <BlueprintSelect ownOnly disabled={Boolean(item)} data-testid="item-blueprint" />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item name="type" label={t('itemEditor.fields.type')} rules={[{ required: true }]} extra={item ? t('itemEditor.fixedHint') : undefined}>
                  <Select<ItemType>
                    disabled={Boolean(item)}
                    options={ITEM_TYPES.map((x) => ({ value: x, label: t(`itemTypes.${x}`) }))}
                    data-testid="item-type"
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="node"
              label={part === 'skills' ? t('itemEditor.fields.skillNode') : t('itemEditor.fields.theoryNode')}
              extra={blueprint ? undefined : t('itemEditor.pickBlueprintFirst')}
              rules={[{ required: true, message: t('itemEditor.nodeRequired') }]}
            >
              <Cascader options={areaOptions} placeholder={t('itemEditor.nodePlaceholder')} showSearch data-testid="item-node" />
            </Form.Item>
            <Form.Item
              name="stem"
              label={t('itemEditor.fields.stem')}
              rules={[{ required: true, whitespace: true, min: 2, max: 5000, message: t('itemEditor.stemRequired') }]}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="item-stem" />
            </Form.Item>

            {CHOICE.has(type) ? (
              <Form.List
                name="options"
                rules={[
                  {
                    validator: async (_, opts: unknown[] | undefined) => {
                      const min = type === 'single' ? 2 : 3;
                      if ((opts ?? []).length < min) throw new Error(t('itemEditor.optionsMin', { min }));
                    },
                  },
                ]}
              >
                {(fields, { add, remove }, { errors }) => (
                  <Form.Item label={t('itemEditor.fields.options')} required>
                    {fields.map((field, i) => (
                      <Flex key={field.key} gap={8} align="start">
                        <Tag style={{ marginTop: 5, minWidth: 28, textAlign: 'center' }}>{OPTION_KEYS[i]}</Tag>
                        <Form.Item
                          name={[field.name, 'text']}
                          rules={[{ required: true, whitespace: true, message: t('itemEditor.optionRequired') }, { max: 1000 }]}
                          style={{ flex: 1, marginBottom: 8 }}
                        >
                          <Input data-testid={`item-option-${i}`} />
                        </Form.Item>
                        <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                      </Flex>
                    ))}
                    <Button
                      type="dashed"
                      size="small"
                      icon={<PlusOutlined />}
                      disabled={fields.length >= OPTION_KEYS.length}
                      onClick={() => add({})}
                      data-testid="item-option-add"
                    >
                      {t('itemEditor.addOption')}
                    </Button>
                    <Form.ErrorList errors={errors} />
                  </Form.Item>
                )}
              </Form.List>
            ) : null}

            {type === 'single' || type === 'judge' || type === 'multiple' ? (
              <Form.Item
                name="answer"
                label={t('itemEditor.fields.answer')}
                rules={[
                  {
                    validator: async (_, v: FormValues['answer']) => {
                      const list = answerList(type, v);
                      if (type === 'judge' && list.length !== 1) throw new Error(t('itemEditor.answerJudge'));
                      if (type === 'single' && (list.length !== 1 || !optionKeys.includes(list[0] ?? ''))) throw new Error(t('itemEditor.answerSingle'));
                      if (type === 'multiple' && (list.length < 2 || list.some((k) => !optionKeys.includes(k))))
                        throw new Error(t('itemEditor.answerMultiple'));
                    },
                  },
                ]}
              >
                {type === 'single' ? (
                  <Radio.Group options={optionKeys.map((k) => ({ value: k, label: k }))} data-testid="item-answer" />
                ) : type === 'multiple' ? (
                  <Checkbox.Group options={optionKeys.map((k) => ({ value: k, label: k }))} data-testid="item-answer" />
                ) : (
                  <Radio.Group
                    data-testid="item-answer"
                    options={[
                      { value: 'true', label: t('itemEditor.true') },
                      { value: 'false', label: t('itemEditor.false') },
                    ]}
                  />
                )}
              </Form.Item>
            ) : null}

            {RUBRIC.has(type) ? (
              <Form.Item
                name="referenceAnswer"
                label={t('itemEditor.fields.referenceAnswer')}
                rules={[{ required: type === 'subjective', whitespace: true, message: t('itemEditor.referenceRequired') }, { max: 5000 }]}
              >
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid="item-reference" />
              </Form.Item>
            ) : null}

            <Row gutter={12}>
              <Col span={8}>
                <Form.Item name="points" label={t('itemEditor.fields.points')} rules={[{ required: true, message: t('common.required') }]}>
                  <InputNumber min={0.5} max={100} step={0.5} style={{ width: '100%' }} data-testid="item-points" />
                </Form.Item>
              </Col>
              <Col span={16}>
                <Form.Item name="difficulty" label={t('itemEditor.fields.difficulty')}>
                  <Slider
                    min={1}
                    max={5}
                    step={1}
                    marks={{ 1: t('difficulty.1'), 2: t('difficulty.2'), 3: t('difficulty.3'), 4: t('difficulty.4'), 5: t('difficulty.5') }}
                    data-testid="item-difficulty"
                  />
                </Form.Item>
              </Col>
            </Row>

            {RUBRIC.has(type) ? <RubricEditor required={type === 'practical'} sum={criteriaSum} points={values.points} /> : null}

            <Form.Item name="analysis" label={t('itemEditor.fields.analysis')} rules={[{ max: 5000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="item-analysis" />
            </Form.Item>
          </Form>
        </Col>
        <Col xs={24} lg={10}>
          <div style={{ position: 'sticky', top: 0 }}>
            <Typography.Title level={5}>{t('itemEditor.previewTitle')}</Typography.Title>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('itemEditor.previewHint')}
            </Typography.Paragraph>
            <ItemPreview item={preview({ ...values, type })} position={1} data-testid="item-live-preview" />
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('itemEditor.markingTitle')}
            </Typography.Title>
            <ItemPreview item={preview({ ...values, type })} showAnswer data-testid="item-live-answer" />
          </div>
        </Col>
      </Row>
    </Drawer>
  );
}

/** 评分细则: criteria with points (adding up to the item's points), 否决项, and the time allowed. */
function RubricEditor({ required, sum, points }: { required: boolean; sum: number; points: number | undefined }) {
  const { t } = useTranslation();
  return (
    <div style={{ border: '1px solid rgba(5,5,5,0.08)', borderRadius: 6, padding: 12, marginBottom: 16 }} data-testid="item-rubric">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('itemEditor.fields.rubric')}</Typography.Text>
        <Tag color={points !== undefined && sum === points ? 'success' : 'warning'} data-testid="item-rubric-sum">
          {t('itemEditor.rubricSum', { sum, points: points ?? 0 })}
        </Tag>
      </Flex>
      <Form.List
        name="criteria"
        rules={[
          {
            validator: async (_, rows: unknown[] | undefined) => {
              if (required && (rows ?? []).length === 0) throw new Error(t('itemEditor.rubricRequired'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, i) => (
              <Flex key={field.key} gap={8} align="start">
                <Form.Item
                  name={[field.name, 'text']}
                  rules={[{ required: true, whitespace: true, message: t('itemEditor.criterionRequired') }, { max: 500 }]}
                  style={{ flex: 1, marginBottom: 8 }}
                >
                  <Input placeholder={t('itemEditor.criterion')} data-testid={`item-criterion-${i}`} />
                </Form.Item>
                <Form.Item name={[field.name, 'points']} rules={[{ required: true, message: t('common.required') }]} style={{ width: 110, marginBottom: 8 }}>
                  <InputNumber
                    min={0.5}
                    max={100}
                    step={0.5}
                    placeholder={t('itemEditor.criterionPoints')}
                    style={{ width: '100%' }}
                    data-testid={`item-criterion-points-${i}`}
                  />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
              </Flex>
            ))}
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({})} data-testid="item-criterion-add">
              {t('itemEditor.addCriterion')}
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
      <Typography.Text strong style={{ display: 'block', margin: '12px 0 8px' }}>
        {t('itemEditor.vetoesTitle')}
      </Typography.Text>
      <Form.List name="vetoes">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Flex key={field.key} gap={8} align="start">
                <Form.Item
                  name={field.name}
                  rules={[{ required: true, whitespace: true, message: t('itemEditor.vetoRequired') }, { max: 500 }]}
                  style={{ flex: 1, marginBottom: 8 }}
                >
                  <Input placeholder={t('itemEditor.vetoPlaceholder')} data-testid={`item-veto-${i}`} />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
              </Flex>
            ))}
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add('')} data-testid="item-veto-add">
              {t('itemEditor.addVeto')}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name="durationMinutes" label={t('itemEditor.fields.duration')} style={{ marginTop: 12, marginBottom: 0 }}>
        <InputNumber min={1} max={600} suffix={t('itemEditor.minutes')} style={{ width: 180 }} data-testid="item-duration" />
      </Form.Item>
    </div>
  );
}
