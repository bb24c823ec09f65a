import { ArrowLeftOutlined, AppstoreAddOutlined, DatabaseOutlined, ReadOutlined, SaveOutlined } from '@ant-design/icons';
import type { Blueprint, BlueprintPart } from '@skillcert/shared/api/banks';
import { weightProblems } from '@skillcert/shared/rules/blueprint-weights';
import type { SkillLevel } from '@skillcert/shared/domain';
import { App, Button, Card, Descriptions, Flex, Form, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { DownloadButton } from '@/components/download-button';
import { LevelTag } from '@/components/level-tag';
import { PageHeader } from '@/components/page-header';
import { Reveal } from '@/components/reveal';
import { LoadErrorResult } from '@/components/status-result';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useCreateBlueprint } from '@/features/blueprints/api/create-blueprint';
import { useBlueprint } from '@/features/blueprints/api/get-blueprint';
import { useUpdateBlueprint } from '@/features/blueprints/api/update-blueprint';
import { type AreaRow, areasBody, BlueprintAreasEditor } from '@/features/blueprints/components/blueprint-areas-editor';
import { BlueprintBasisTag } from '@/features/blueprints/components/blueprint-basis-tag';
import { areaItemCounts, blueprintLabel, itemTotals } from '@/features/blueprints/components/blueprint-nodes';
import { BlueprintSaveAlert } from '@/features/blueprints/components/blueprint-save-alert';
import { WeightProblems } from '@/features/blueprints/components/weight-problems';
import { useOccupation } from '@/features/occupations/api/get-occupation';
import { OccupationSelect } from '@/features/occupations/components/occupation-select';
import { AssemblyModal } from '@/features/papers/components/assembly-modal';
import { blueprintQtiPath } from '@/features/qti/api/import-qti';
import { can } from '@/lib/authorization';
import { applyFieldIssues } from '@/lib/form';
import { ApiError } from '@/lib/http';
import { formatDateTime } from '@/lib/format';

interface FormValues {
  occupationCode?: string;
  level?: SkillLevel;
  theory?: AreaRow[];
  skills?: AreaRow[];
}

/** /blueprints/new and /blueprints/:id — the 鉴定要素细目表 editor (read-only without bank.manage on one's own bank). */
export function BlueprintFormPage() {
  const { id } = useParams<{ id: string }>();
  const blueprint = useBlueprint(id);
  if (!id) return <BlueprintForm />;
  if (blueprint.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (blueprint.isError) return <LoadErrorResult error={blueprint.error} onRetry={() => void blueprint.refetch()} />;
  return <BlueprintForm key={blueprint.data.id} blueprint={blueprint.data} />;
}

function BlueprintForm({ blueprint }: { blueprint?: Blueprint }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateBlueprint();
  const update = useUpdateBlueprint();
  const [refusal, setRefusal] = useState<unknown>(null);
  const [assembling, setAssembling] = useState(false);
  const occupationCode = Form.useWatch('occupationCode', form);
  const level = Form.useWatch('level', form);
  const occupation = useOccupation(blueprint ? undefined : occupationCode);
  const theory = Form.useWatch('theory', form) as AreaRow[] | undefined;
  const skills = Form.useWatch('skills', form) as AreaRow[] | undefined;
  // The banner and the tables read the same state — what is on screen — through the server's own function.
  const liveProblems = weightProblems({ theory: areasBody(theory ?? blueprint?.theory), skills: areasBody(skills ?? blueprint?.skills) });
  const own = blueprint ? blueprint.orgId === me.organisation.id : me.organisation.kind === 'school';
  const editable = can(me, 'bank.manage') && own;
  const saving = create.isPending || update.isPending;

  /** A refusal: shown at the top (scrolled into view), the fields it names marked; nothing typed is reset. */
  const refuse = (error: unknown) => {
    setRefusal(error);
    if (!(error instanceof ApiError)) return;
    if (error.code === 'BLUEPRINT.CODE_IN_USE' && Array.isArray(error.details?.codes)) {
      const codes = new Set(error.details.codes.map(String));
      const fields: { name: [BlueprintPart, number, 'code']; errors: string[] }[] = [];
      for (const part of ['theory', 'skills'] as const satisfies readonly BlueprintPart[]) {
        (form.getFieldValue(part) as AreaRow[] | undefined)?.forEach((a, i) => {
          if (a?.code && codes.has(a.code)) fields.push({ name: [part, i, 'code'], errors: [error.message] });
        });
      }
      form.setFields(fields);
      return;
    }
    applyFieldIssues(form, error);
  };

  const onFinish = (v: FormValues) => {
    setRefusal(null);
    const parts = { theory: areasBody(v.theory), skills: areasBody(v.skills) };
    if (blueprint) {
      update.mutate(
        { id: blueprint.id, body: parts },
        {
          onSuccess: (saved) => {
            void message.success(saved.problems.length ? t('blueprints.savedWithProblems', { count: saved.problems.length }) : t('blueprints.saved'));
          },
          onError: refuse,
        },
      );
    } else {
      create.mutate(
        { occupationCode: v.occupationCode ?? '', level: v.level ?? 4, ...parts },
        {
          onSuccess: (saved) => {
            void message.success(t('blueprints.created'));
            void navigate(`/blueprints/${saved.id}`, { replace: true });
          },
          onError: refuse,
        },
      );
    }
  };

  const title = blueprint ? blueprintLabel(blueprint, t) : t('blueprints.createTitle');
  const totals = blueprint ? itemTotals(blueprint) : undefined;

  return (
    <>
      <PageHeader
        title={<span data-testid="blueprint-title">{title}</span>}
        subtitle={t('blueprints.editorSubtitle')}
        extra={
          <>
            <Link to="/blueprints">
              <Button icon={<ArrowLeftOutlined />}>{t('common.backToList')}</Button>
            </Link>
            {blueprint ? (
              <>
                <Link to={`/bank?blueprintId=${blueprint.id}`}>
                  <Button icon={<DatabaseOutlined />} data-testid="blueprint-open-bank">
                    {t('blueprints.openBank')}
                  </Button>
                </Link>
                <Link to={`/curriculum?tab=coverage&blueprintId=${blueprint.id}`}>
                  <Button icon={<ReadOutlined />}>{t('blueprints.coverage')}</Button>
                </Link>
                {editable ? (
                  <DownloadButton path={blueprintQtiPath(blueprint.id)} fallbackName="bank-qti.zip" data-testid="blueprint-qti-export">
                    {t('bank.qtiExport')}
                  </DownloadButton>
                ) : null}
                {editable ? (
                  <Button type="primary" icon={<AppstoreAddOutlined />} onClick={() => setAssembling(true)} data-testid="blueprint-assemble">
                    {t('assembly.open')}
                  </Button>
                ) : null}
              </>
            ) : null}
          </>
        }
      />
      {refusal ? (
        <Reveal token={refusal}>
          <BlueprintSaveAlert error={refusal} onClose={() => setRefusal(null)} occupationCode={occupationCode} level={level} />
        </Reveal>
      ) : null}
      <Form<FormValues>
        form={form}
        layout="vertical"
        disabled={saving || !editable}
        onFinish={onFinish}
        scrollToFirstError={{ behavior: 'smooth', block: 'center', focus: true }}
        onValuesChange={(changed: Partial<FormValues>) => {
          if ('occupationCode' in changed) form.setFieldValue('level', undefined);
        }}
        initialValues={
          blueprint ? { theory: blueprint.theory, skills: blueprint.skills } : { theory: [{ code: '1', points: [] }], skills: [{ code: '1', points: [] }] }
        }
        data-testid="blueprint-form"
      >
        <Card size="small" style={{ marginBottom: 16 }}>
          {blueprint ? (
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2, xl: 3 }}
              items={[
                { key: 'occupation', label: t('blueprints.fields.occupation'), children: `${blueprint.occupationName}（${blueprint.occupationCode}）` },
                { key: 'level', label: t('blueprints.fields.level'), children: <LevelTag level={blueprint.level} /> },
                { key: 'school', label: t('blueprints.fields.school'), children: blueprint.orgName },
                { key: 'basis', label: t('blueprints.fields.basis'), children: <BlueprintBasisTag basis={blueprint.basis} /> },
                { key: 'items', label: t('blueprints.fields.items'), children: totals ? t('blueprints.itemCount', totals) : null },
                { key: 'updatedAt', label: t('blueprints.fields.updatedAt'), children: formatDateTime(blueprint.updatedAt) },
              ]}
            />
          ) : (
            <Flex gap={16} wrap>
              <Form.Item
                name="occupationCode"
                label={t('blueprints.fields.occupation')}
                rules={[{ required: true, message: t('blueprints.form.occupationRequired') }]}
                extra={t('blueprints.form.occupationHint')}
                style={{ minWidth: 320, flex: 1 }}
              >
                <OccupationSelect style={{ width: '100%' }} data-testid="blueprint-occupation" />
              </Form.Item>
              <Form.Item
                name="level"
                label={t('blueprints.fields.level')}
                rules={[{ required: true, message: t('blueprints.form.levelRequired') }]}
                style={{ minWidth: 220 }}
              >
                <Select<SkillLevel>
                  placeholder={occupationCode ? undefined : t('filings.scope.pickOccupationFirst')}
                  options={(occupation.data?.levels ?? []).map((l) => ({ value: l, label: t(`levels.${l}`) }))}
                  data-testid="blueprint-level"
                />
              </Form.Item>
            </Flex>
          )}
          {!blueprint ? <Typography.Text type="secondary">{t('blueprints.form.specHint')}</Typography.Text> : null}
        </Card>
        <WeightProblems problems={liveProblems} style={{ marginBottom: 16 }} />
        <BlueprintAreasEditor
          part="theory"
          form={form}
          disabled={saving || !editable}
          problems={blueprint?.problems}
          counts={blueprint ? areaItemCounts(blueprint, 'theory') : undefined}
        />
        <BlueprintAreasEditor
          part="skills"
          form={form}
          disabled={saving || !editable}
          problems={blueprint?.problems}
          counts={blueprint ? areaItemCounts(blueprint, 'skills') : undefined}
        />
        {editable ? (
          <Flex justify="flex-end" gap={8}>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} data-testid="blueprint-save">
              {t('common.save')}
            </Button>
          </Flex>
        ) : null}
      </Form>
      {blueprint && editable ? <AssemblyModal open={assembling} blueprint={blueprint} onClose={() => setAssembling(false)} /> : null}
    </>
  );
}
