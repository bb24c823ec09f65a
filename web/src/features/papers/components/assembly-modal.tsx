import { DeleteOutlined, EyeOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import {
  type AreaCoverage,
  type AssembleBody,
  type AssembleResult,
  type Blueprint,
  ITEM_TYPES,
  type ItemType,
  type Shortage,
  type WeightProblem,
} from '@skillcert/shared/api/banks';
import { Alert, Button, Col, Descriptions, Divider, Flex, Form, Input, InputNumber, Modal, Row, Select, Statistic, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { useBlueprints } from '@/features/blueprints/api/get-blueprints';
import { blueprintLabel, reviewedByType } from '@/features/blueprints/components/blueprint-nodes';
import { BlueprintSelect } from '@/features/blueprints/components/blueprint-select';
import { WeightProblems } from '@/features/blueprints/components/weight-problems';
import { useAssemblePapers } from '@/features/papers/api/assemble-papers';
import { CoverageChart } from '@/features/papers/components/coverage-chart';
import { CoverageTable } from '@/features/papers/components/coverage-table';
import { PaperWarnings } from '@/features/papers/components/paper-warnings';
import { ShortageTable } from '@/features/papers/components/shortage-table';
import { ApiError } from '@/lib/http';
import { round2 } from '@skillcert/shared/numbers';

interface SectionRow {
  type?: ItemType;
  count?: number;
  points?: number;
}

interface FormValues {
  blueprintId?: string;
  name?: string;
  sections?: SectionRow[];
  totalScore?: number | null;
  difficultyTarget?: number | null;
  tolerance?: number;
  variants?: number;
  avoidRecentPapers?: number;
  seed?: string;
}

const DEFAULT_SECTIONS: SectionRow[] = [
  { type: 'judge', count: 20, points: 1 },
  { type: 'single', count: 60, points: 1 },
  { type: 'multiple', count: 10, points: 2 },
];

function sizeAndTotal(sections: readonly (SectionRow | undefined)[] | undefined) {
  const rows = sections ?? [];
  return {
    size: rows.reduce((s, r) => s + (r?.count ?? 0), 0),
    total: round2(rows.reduce((s, r) => s + (r?.count ?? 0) * (r?.points ?? 0), 0)),
  };
}

function body(v: FormValues, dryRun: boolean): AssembleBody {
  const seed = v.seed?.trim();
  return {
    blueprintId: v.blueprintId ?? '',
    name: (v.name ?? '').trim(),
    sections: (v.sections ?? []).map((s) => ({ type: s.type ?? 'single', count: s.count ?? 1, points: s.points ?? 1 })),
    ...(v.totalScore ? { totalScore: v.totalScore } : {}),
    difficultyTarget: v.difficultyTarget ?? null,
    tolerance: v.tolerance ?? 2,
    variants: v.variants ?? 1,
    avoidRecentPapers: v.avoidRecentPapers ?? 3,
    ...(seed ? { seed } : {}),
    dryRun,
  };
}

const asArray = <T,>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

interface AssemblyModalProps {
  open: boolean;
  /** Assemble from this blueprint; otherwise the dialog offers my school's blueprints. */
  blueprint?: Blueprint;
  onClose: () => void;
}

/**
 * 组卷: sections (type, count, points) → size and total; difficulty target, tolerance, variants, avoiding recent papers,
 * seed. 预览 assembles without storing and shows per variant the coverage chart (blueprint weight vs paper share),
 * mean difficulty and warnings; 生成 stores them. An unmet blueprint is explained (shortages), never a short paper.
 */
export function AssemblyModal({ open, blueprint, onClose }: AssemblyModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const assemble = useAssemblePapers();
  const [result, setResult] = useState<AssembleResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const blueprints = useBlueprints();
  const blueprintId = Form.useWatch('blueprintId', form) ?? blueprint?.id;
  const chosen = blueprint && blueprint.id === blueprintId ? blueprint : blueprints.data?.find((b) => b.id === blueprintId);
  const sections = Form.useWatch('sections', form) as SectionRow[] | undefined;
  const { size, total } = sizeAndTotal(sections);
  const available = chosen ? reviewedByType(chosen) : new Map<string, number>();

  const close = () => {
    setResult(null);
    setError(null);
    assemble.reset();
    onClose();
  };

  const run = (dryRun: boolean) => {
    void form.validateFields().then((v) => {
      setError(null);
      setResult(null);
      assemble.mutate(body({ ...v, blueprintId: v.blueprintId ?? blueprint?.id }, dryRun), { onSuccess: setResult, onError: setError });
    });
  };

  const defaultName = blueprint ? t('assembly.defaultName', { name: blueprint.occupationName, level: t(`levelsShort.${blueprint.level}`) }) : undefined;

  return (
    <Modal
      open={open}
      width={1040}
      title={chosen ? t('assembly.titleFor', { blueprint: blueprintLabel(chosen, t) }) : t('assembly.title')}
      onCancel={close}
      destroyOnHidden
      data-testid="assembly-modal"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t('common.close')}</Button>
          <Button
            icon={<EyeOutlined />}
            loading={assemble.isPending && assemble.variables?.dryRun === true}
            onClick={() => run(true)}
            data-testid="assembly-preview"
          >
            {t('assembly.preview')}
          </Button>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={assemble.isPending && assemble.variables?.dryRun === false}
            onClick={() => run(false)}
            data-testid="assembly-generate"
          >
            {t('assembly.generate')}
          </Button>
        </Flex>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        disabled={assemble.isPending}
        initialValues={{
          blueprintId: blueprint?.id,
          name: defaultName,
          sections: DEFAULT_SECTIONS,
          tolerance: 2,
          variants: 1,
          avoidRecentPapers: 3,
          difficultyTarget: null,
        }}
        onValuesChange={(changed: Partial<FormValues>, all: FormValues) => {
          if (result && !result.stored) setResult(null);
          const picked = changed.blueprintId ? blueprints.data?.find((b) => b.id === changed.blueprintId) : undefined;
          if (picked && !all.name?.trim())
            form.setFieldValue('name', t('assembly.defaultName', { name: picked.occupationName, level: t(`levelsShort.${picked.level}`) }));
        }}
      >
        <Row gutter={12}>
          {blueprint ? null : (
            <Col span={12}>
              <Form.Item name="blueprintId" label={t('assembly.blueprint')} rules={[{ required: true, message: t('itemEditor.blueprintRequired') }]}>
                <BlueprintSelect ownOnly data-testid="assembly-blueprint" />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="name" label={t('assembly.name')} rules={[{ required: true, whitespace: true, max: 100, message: t('assembly.nameRequired') }]}>
              <Input data-testid="assembly-name" />
            </Form.Item>
          </Col>
        </Row>
        {chosen && chosen.problems.length ? <WeightProblems problems={chosen.problems} style={{ marginBottom: 12 }} /> : null}
        <Typography.Text strong>{t('assembly.sections')}</Typography.Text>
        <Form.List
          name="sections"
          rules={[
            {
              validator: async (_, rows: unknown[] | undefined) => {
                if (!(rows ?? []).length) throw new Error(t('assembly.sectionsRequired'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <div style={{ margin: '8px 0 12px' }} data-testid="assembly-sections">
              {fields.map((field, i) => {
                const row = sections?.[i];
                return (
                  <Flex key={field.key} gap={8} align="start" wrap>
                    <Form.Item name={[field.name, 'type']} rules={[{ required: true, message: t('common.required') }]} style={{ width: 150, marginBottom: 8 }}>
                      <Select<ItemType>
                        options={ITEM_TYPES.map((x) => ({ value: x, label: t(`itemTypes.${x}`) }))}
                        data-testid={`assembly-section-type-${i}`}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'count']} rules={[{ required: true, message: t('common.required') }]} style={{ width: 130, marginBottom: 8 }}>
                      <InputNumber
                        min={1}
                        max={500}
                        precision={0}
                        suffix={t('assembly.countUnit')}
                        style={{ width: '100%' }}
                        data-testid={`assembly-section-count-${i}`}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'points']}
                      rules={[{ required: true, message: t('common.required') }]}
                      style={{ width: 150, marginBottom: 8 }}
                    >
                      <InputNumber
                        min={0.5}
                        max={100}
                        step={0.5}
                        prefix={t('assembly.each')}
                        suffix={t('assembly.pointsUnit')}
                        style={{ width: '100%' }}
                        data-testid={`assembly-section-points-${i}`}
                      />
                    </Form.Item>
                    <Typography.Text type="secondary" style={{ lineHeight: '32px', minWidth: 150 }}>
                      {t('assembly.sectionTotal', { n: round2((row?.count ?? 0) * (row?.points ?? 0)) })}
                      {row?.type && chosen ? ` · ${t('assembly.reviewedInBank', { n: available.get(row.type) ?? 0 })}` : ''}
                    </Typography.Text>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                  </Flex>
                );
              })}
              <Button
                type="dashed"
                size="small"
                icon={<PlusOutlined />}
                disabled={fields.length >= 5}
                onClick={() => add({ type: 'single', count: 10, points: 1 })}
                data-testid="assembly-section-add"
              >
                {t('assembly.addSection')}
              </Button>
              <Form.ErrorList errors={errors} />
            </div>
          )}
        </Form.List>
        <Flex gap={32} style={{ marginBottom: 12 }}>
          <Statistic title={t('assembly.size')} value={size} suffix={t('assembly.countUnit')} data-testid="assembly-size" />
          <Statistic title={t('assembly.total')} value={total} suffix={t('assembly.pointsUnit')} data-testid="assembly-total" />
        </Flex>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item
              name="totalScore"
              label={t('assembly.totalScore')}
              tooltip={t('assembly.totalScoreHint')}
              rules={[
                {
                  validator: async (_, v: number | null | undefined) => {
                    if (v && v !== total) throw new Error(t('assembly.totalMismatch', { total }));
                  },
                },
              ]}
            >
              <InputNumber min={1} max={1000} style={{ width: '100%' }} data-testid="assembly-total-score" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="difficultyTarget" label={t('assembly.difficultyTarget')} tooltip={t('assembly.difficultyHint')}>
              <InputNumber min={1} max={5} step={0.1} style={{ width: '100%' }} data-testid="assembly-difficulty" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="tolerance" label={t('assembly.tolerance')} tooltip={t('assembly.toleranceHint')}>
              <InputNumber min={0} max={20} step={0.5} suffix={t('assembly.pp')} style={{ width: '100%' }} data-testid="assembly-tolerance" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="variants" label={t('assembly.variants')} tooltip={t('assembly.variantsHint')}>
              <InputNumber min={1} max={6} precision={0} style={{ width: '100%' }} data-testid="assembly-variants" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="avoidRecentPapers" label={t('assembly.avoidRecent')} tooltip={t('assembly.avoidRecentHint')}>
              <InputNumber min={0} max={50} precision={0} style={{ width: '100%' }} data-testid="assembly-avoid" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="seed" label={t('assembly.seed')} tooltip={t('assembly.seedHint')} rules={[{ max: 64 }]}>
              <Input placeholder={t('assembly.seedPlaceholder')} data-testid="assembly-seed" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {error ? <AssemblyRefusal error={error} tolerance={form.getFieldValue('tolerance') as number | undefined} /> : null}
      {result ? <AssemblyResultView result={result} onNavigate={close} /> : null}
    </Modal>
  );
}

/** Why the blueprint cannot be met: the shortages, the coverage the tolerance cannot reach, or the weight problems. */
function AssemblyRefusal({ error, tolerance }: { error: unknown; tolerance?: number }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) return <ApiErrorAlert error={error} />;
  if (error.code === 'PAPER.BANK_INSUFFICIENT') {
    const shortages = asArray<Shortage>(error.details?.shortages);
    return (
      <ApiErrorAlert error={error} data-testid="assembly-refusal">
        <Typography.Paragraph style={{ margin: '4px 0 8px' }}>{t('assembly.shortagesIntro')}</Typography.Paragraph>
        <ShortageTable shortages={shortages} />
      </ApiErrorAlert>
    );
  }
  if (error.code === 'PAPER.TOLERANCE_UNREACHABLE') {
    const coverage = asArray<AreaCoverage>(error.details?.coverage);
    return (
      <ApiErrorAlert error={error} data-testid="assembly-refusal">
        <Typography.Paragraph style={{ margin: '4px 0 8px' }}>{t('assembly.toleranceIntro', { tolerance: tolerance ?? 2 })}</Typography.Paragraph>
        {coverage.length ? <CoverageTable coverage={coverage} tolerance={tolerance} /> : null}
      </ApiErrorAlert>
    );
  }
  if (error.code === 'BLUEPRINT.WEIGHTS') {
    const problems = asArray<WeightProblem>(error.details?.problems);
    return (
      <ApiErrorAlert error={error} data-testid="assembly-refusal">
        {problems.length ? <WeightProblems problems={problems} style={{ marginTop: 8 }} /> : null}
      </ApiErrorAlert>
    );
  }
  return <ApiErrorAlert error={error} data-testid="assembly-refusal" />;
}

function AssemblyResultView({ result, onNavigate }: { result: AssembleResult; onNavigate: () => void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="assembly-result" data-stored={String(result.stored)} data-variants={result.papers.length}>
      <Divider style={{ margin: '8px 0 12px' }} />
      <Alert
        type={result.stored ? 'success' : 'info'}
        showIcon
        style={{ marginBottom: 12 }}
        title={result.stored ? t('assembly.stored', { count: result.papers.length }) : t('assembly.previewed', { count: result.papers.length })}
        description={
          result.stored ? (
            <Flex gap={12} wrap>
              {result.papers.map((p) => (
                <Link key={p.id} to={`/papers/${p.id}`} onClick={onNavigate} data-testid="assembly-paper-link">
                  {t('assembly.openPaper', { variant: p.variant })}
                </Link>
              ))}
            </Flex>
          ) : undefined
        }
      />
      <Tabs
        items={result.papers.map((p) => ({
          key: p.variant,
          label: <span data-testid={`assembly-variant-${p.variant}`}>{t('papers.variantLabel', { variant: p.variant })}</span>,
          children: (
            <div data-testid="assembly-variant">
              <Descriptions
                size="small"
                column={4}
                style={{ marginBottom: 8 }}
                items={[
                  { key: 'count', label: t('papers.fields.itemCount'), children: p.itemCount },
                  { key: 'total', label: t('papers.fields.totalScore'), children: p.totalScore },
                  {
                    key: 'difficulty',
                    label: t('papers.fields.meanDifficulty'),
                    children: <span data-testid="assembly-mean-difficulty">{p.meanDifficulty}</span>,
                  },
                  { key: 'seed', label: t('papers.fields.seed'), children: <Typography.Text code>{p.seed}</Typography.Text> },
                ]}
              />
              <PaperWarnings warnings={p.warnings} />
              <CoverageChart coverage={p.coverage} data-testid={`assembly-chart-${p.variant}`} />
            </div>
          ),
        }))}
      />
    </div>
  );
}
