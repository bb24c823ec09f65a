import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import type { PartKind, PlanDetail, PlanOptions } from '@skillcert/shared/api/plans';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Radio, Select, Skeleton, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { LoadErrorResult } from '@/components/status-result';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { usePlan } from '@/features/plans/api/get-plan';
import { usePlanChecks } from '@/features/plans/api/get-plan-checks';
import { usePlanOptions } from '@/features/plans/api/get-plan-options';
import { useSavePlan } from '@/features/plans/api/save-plan';
import { useSubmitPlan } from '@/features/plans/api/submit-plan';
import { PlanChecksTable } from '@/features/plans/components/plan-checks-table';
import { initialValues, type PlanFormValues, planBody, subjectKey } from '@/features/plans/components/plan-form-values';
import { PlanRefusalAlert } from '@/features/plans/components/plan-refusal-alert';
import { ApiError } from '@/lib/http';

const KINDS: PartKind[] = ['theory', 'practical', 'process', 'review'];

/** New plan (/plans/new) or edit a draft / returned one (/plans/:id/edit), with the checks shown before submission. */
export function PlanFormPage() {
  const { id } = useParams<{ id: string }>();
  const me = useCurrentUser();
  const plan = usePlan(id);
  const options = usePlanOptions();
  if ((id && plan.isPending) || options.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (id && plan.isError) return <LoadErrorResult error={plan.error} onRetry={() => void plan.refetch()} />;
  if (options.isError) return <LoadErrorResult error={options.error} onRetry={() => void options.refetch()} />;
  const existing = plan.data;
  if (existing && (existing.orgId !== me.organisation.id || !['draft', 'returned'].includes(existing.status)))
    return <Navigate to={`/plans/${existing.id}`} replace />;
  return <PlanForm key={existing?.id ?? 'new'} existing={existing} options={options.data} />;
}

function PlanForm({ existing, options }: { existing: PlanDetail | undefined; options: PlanOptions }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PlanFormValues>();
  const save = useSavePlan();
  const submit = useSubmitPlan();
  const [saved, setSaved] = useState<PlanDetail | undefined>(existing);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const checks = usePlanChecks(saved?.id);
  const topRef = useRef<HTMLDivElement>(null);
  const busy = save.isPending || submit.isPending;

  const basis = Form.useWatch('basis', form);
  const subject = Form.useWatch('subject', form) as string | undefined;
  const [, subjectCode, subjectLevel] = (subject ?? '').split('|');
  const institutions = options.institutions.filter((i) => i.status === 'listed');
  const lines = institutions.flatMap((i) => i.scope.map((l) => ({ ...l, institutionId: i.id })));
  const institution = institutions.find((i) => lines.some((l) => l.institutionId === i.id && subjectKey(l) === subject)) ?? institutions[0];
  const sites = institution?.sites ?? [];
  const roster = institution?.roster ?? [];
  const people = roster.map((r) => ({
    value: r.certificateNo,
    label: `${r.name}（${r.certificateNo}${r.occupationCode ? ` · ${r.occupationCode}` : ''}${r.levels.length ? ` · ${r.levels.map((l) => t(`levelsShort.${l as 1 | 2 | 3 | 4 | 5}`)).join('/')}` : ''}）`,
  }));
  const papers = options.papers.filter((p) => p.occupationCode === subjectCode && String(p.level) === subjectLevel);

  const showRefusal = (error: unknown) => {
    if (error instanceof ApiError) setRefusal(error);
    topRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  const store = async (): Promise<PlanDetail | undefined> => {
    let values: PlanFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return undefined;
    }
    setRefusal(null);
    try {
      const result = await save.mutateAsync({ ...(saved ? { id: saved.id } : {}), body: planBody(values) });
      setSaved(result);
      void checks.refetch();
      return result;
    } catch (error) {
      showRefusal(error);
      return undefined;
    }
  };

  const onSave = async () => {
    const result = await store();
    if (!result) return;
    void message.success(t('plans.savedDraft'));
    if (!existing) void navigate(`/plans/${result.id}/edit`, { replace: true });
  };

  const onSubmit = async () => {
    const result = await store();
    if (!result) return;
    try {
      const done = await submit.mutateAsync({ id: result.id, expectedStatus: result.status });
      void message.success(t('plans.submitted'));
      void navigate(`/plans/${done.id}`);
    } catch (error) {
      void checks.refetch();
      showRefusal(error);
    }
  };

  if (institutions.length === 0) return <Alert type="warning" showIcon title={t('plans.notListed')} data-testid="plan-not-listed" />;

  return (
    <div ref={topRef}>
      <PageHeader
        title={<span data-testid="plan-form-title">{existing ? t('plans.editTitle') : t('plans.createTitle')}</span>}
        subtitle={t('plans.leadHint', { days: options.leadDays })}
        extra={
          <Link to={saved ? `/plans/${saved.id}` : '/plans'}>
            <Button icon={<ArrowLeftOutlined />}>{t('plans.backToList')}</Button>
          </Link>
        }
      />
      {refusal ? <PlanRefusalAlert error={refusal} onClose={() => setRefusal(null)} /> : null}
      {existing?.status === 'returned' ? (
        <Alert
          type="warning"
          showIcon
          title={t('plans.status.returned')}
          description={[...existing.events].reverse().find((e) => e.action === 'return')?.reason}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<PlanFormValues> form={form} layout="vertical" disabled={busy} initialValues={initialValues(existing)} data-testid="plan-form">
        <Flex vertical gap={16}>
          <Card title={t('plans.form.basics')}>
            <Flex gap={16} wrap>
              <Form.Item
                name="title"
                label={t('plans.fields.title')}
                rules={[{ required: true, whitespace: true, message: t('plans.form.required') }, { max: 100 }]}
                style={{ width: 420 }}
              >
                <Input data-testid="plan-title" />
              </Form.Item>
              <Form.Item
                name="subject"
                label={t('plans.fields.subject')}
                rules={[{ required: true, message: t('plans.form.required') }]}
                style={{ width: 420 }}
              >
                <Select
                  data-testid="plan-subject"
                  options={lines.map((l) => ({
                    value: subjectKey(l),
                    disabled: l.suspended,
                    label: `${l.specialItemName ?? `${l.occupationName ?? ''}（${l.occupationCode ?? ''}）${l.workType ? ` ${l.workType}` : ''} · ${l.level ? t(`levels.${l.level}`) : ''}`}${l.suspended ? ` · ${t('plans.suspended')}` : ''}`,
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="capacity"
                label={t('plans.fields.capacity')}
                rules={[{ required: true, message: t('plans.form.required') }]}
                style={{ width: 160 }}
              >
                <InputNumber min={1} max={10000} style={{ width: '100%' }} data-testid="plan-capacity" />
              </Form.Item>
            </Flex>
            <Flex gap={16} wrap>
              <Form.Item name="basis" label={t('plans.fields.basis')}>
                <Radio.Group
                  options={(['national_standard', 'eval_spec'] as const).map((b) => ({ value: b, label: t(`plans.basis.${b}`) }))}
                  data-testid="plan-basis"
                />
              </Form.Item>
              {basis === 'eval_spec' ? (
                <Form.Item name="evalSpecId" label={t('plans.fields.evalSpec')} style={{ width: 360 }}>
                  <Select
                    options={options.specs
                      .filter((s) => s.occupationCode === subjectCode)
                      .map((s) => ({ value: s.id, label: `${s.title}（${t(`specStatus.${s.status as 'draft'}`)}）` }))}
                  />
                </Form.Item>
              ) : null}
              <Form.Item name="method" label={t('plans.fields.method')}>
                <Radio.Group options={(['result', 'process'] as const).map((m) => ({ value: m, label: t(`plans.method.${m}`) }))} />
              </Form.Item>
            </Flex>
            <Flex gap={16} wrap>
              <Form.Item name="candidateSources" label={t('plans.fields.candidateSources')} rules={[{ required: true, message: t('plans.form.required') }]}>
                <Checkbox.Group options={(['own_students', 'other_schools', 'society'] as const).map((s) => ({ value: s, label: t(`plans.sources.${s}`) }))} />
              </Form.Item>
              <Form.Item name="courseExamReplacesTheory" label={t('plans.fields.courseExam')} valuePropName="checked">
                <Checkbox>{t('plans.form.courseExam')}</Checkbox>
              </Form.Item>
              <Form.Item name="internalSupervisor" label={t('plans.fields.internalSupervisor')} style={{ width: 240 }}>
                <Input data-testid="plan-internal-supervisor" />
              </Form.Item>
            </Flex>
          </Card>
          <Form.List name="parts">
            {(parts, { add, remove }) => (
              <>
                {parts.map((part, i) => (
                  <Card
                    key={part.key}
                    title={t('plans.form.partTitle', { n: i + 1 })}
                    extra={<Button icon={<DeleteOutlined />} size="small" onClick={() => remove(part.name)} aria-label={t('plans.form.removePart')} />}
                    data-testid={`plan-part-${i}`}
                  >
                    <Flex gap={16} wrap>
                      <Form.Item name={[part.name, 'kind']} label={t('plans.fields.partKind')} style={{ width: 160 }}>
                        <Select options={KINDS.map((k) => ({ value: k, label: t(`plans.partKinds.${k}`) }))} />
                      </Form.Item>
                      <Form.Item name={[part.name, 'name']} label={t('plans.fields.partName')} style={{ width: 180 }}>
                        <Input />
                      </Form.Item>
                      <Form.Item
                        name={[part.name, 'durationMinutes']}
                        label={t('plans.fields.duration')}
                        rules={[{ required: true, message: t('plans.form.required') }]}
                        style={{ width: 130 }}
                      >
                        <InputNumber min={1} max={600} style={{ width: '100%' }} />
                      </Form.Item>
                      <Form.Item name={[part.name, 'passMark']} label={t('plans.fields.passMark')} style={{ width: 130 }}>
                        <InputNumber min={0} max={100} style={{ width: '100%' }} placeholder="60" />
                      </Form.Item>
                      <Form.Item name={[part.name, 'weight']} label={t('plans.fields.weight')} style={{ width: 130 }}>
                        <InputNumber min={0} max={100} style={{ width: '100%' }} />
                      </Form.Item>
                      <Form.Item name={[part.name, 'paperId']} label={t('plans.fields.paper')} style={{ width: 320 }}>
                        <Select allowClear options={papers.map((p) => ({ value: p.id, label: p.name }))} />
                      </Form.Item>
                    </Flex>
                    <Form.List name={[part.name, 'sittings']}>
                      {(sittings, s) => (
                        <Flex vertical gap={8}>
                          {sittings.map((sitting, j) => (
                            <Card
                              key={sitting.key}
                              size="small"
                              type="inner"
                              title={t('plans.form.sittingTitle', { n: j + 1 })}
                              extra={
                                <Button
                                  size="small"
                                  icon={<DeleteOutlined />}
                                  onClick={() => s.remove(sitting.name)}
                                  aria-label={t('plans.form.removeSitting')}
                                />
                              }
                            >
                              <Flex gap={12} wrap>
                                <Form.Item
                                  name={[sitting.name, 'date']}
                                  label={t('plans.fields.date')}
                                  rules={[{ required: true, message: t('plans.form.required') }]}
                                >
                                  <Input type="date" data-testid={`plan-sitting-date-${i}-${j}`} />
                                </Form.Item>
                                <Form.Item
                                  name={[sitting.name, 'startTime']}
                                  label={t('plans.fields.startTime')}
                                  rules={[{ required: true, message: t('plans.form.required') }]}
                                >
                                  <Input type="time" />
                                </Form.Item>
                                <Form.Item
                                  name={[sitting.name, 'endTime']}
                                  label={t('plans.fields.endTime')}
                                  rules={[{ required: true, message: t('plans.form.required') }]}
                                >
                                  <Input type="time" />
                                </Form.Item>
                                <Form.Item
                                  name={[sitting.name, 'site']}
                                  label={t('plans.fields.site')}
                                  rules={[{ required: true, message: t('plans.form.required') }]}
                                  style={{ width: 220 }}
                                >
                                  <Select
                                    data-testid={`plan-sitting-site-${i}-${j}`}
                                    options={sites.map((x) => ({ value: x.name, label: `${x.name}（${x.capacity}）` }))}
                                  />
                                </Form.Item>
                                <Form.Item
                                  name={[sitting.name, 'room']}
                                  label={t('plans.fields.room')}
                                  rules={[{ required: true, message: t('plans.form.required') }]}
                                  style={{ width: 140 }}
                                >
                                  <Input data-testid={`plan-sitting-room-${i}-${j}`} />
                                </Form.Item>
                                <Form.Item
                                  name={[sitting.name, 'capacity']}
                                  label={t('plans.fields.sittingCapacity')}
                                  rules={[{ required: true, message: t('plans.form.required') }]}
                                  style={{ width: 120 }}
                                >
                                  <InputNumber min={1} max={2000} style={{ width: '100%' }} data-testid={`plan-sitting-capacity-${i}-${j}`} />
                                </Form.Item>
                                <Form.Item name={[sitting.name, 'classes']} label={t('plans.fields.classes')} style={{ width: 220 }}>
                                  <Select mode="tags" />
                                </Form.Item>
                              </Flex>
                              <Flex gap={12} wrap>
                                <Form.Item name={[sitting.name, 'invigilators']} label={t('plans.roles.invigilator')} style={{ width: 320 }}>
                                  <Select mode="multiple" options={people} data-testid={`plan-sitting-invigilators-${i}-${j}`} optionFilterProp="label" />
                                </Form.Item>
                                <Form.Item name={[sitting.name, 'chief']} label={t('plans.roles.chief_examiner')} style={{ width: 260 }}>
                                  <Select allowClear options={people} data-testid={`plan-sitting-chief-${i}-${j}`} optionFilterProp="label" />
                                </Form.Item>
                                <Form.Item name={[sitting.name, 'examiners']} label={t('plans.roles.examiner')} style={{ width: 320 }}>
                                  <Select mode="multiple" options={people} data-testid={`plan-sitting-examiners-${i}-${j}`} optionFilterProp="label" />
                                </Form.Item>
                                <Form.Item name={[sitting.name, 'panel']} label={t('plans.roles.panel')} style={{ width: 320 }}>
                                  <Select mode="multiple" options={people} optionFilterProp="label" />
                                </Form.Item>
                              </Flex>
                            </Card>
                          ))}
                          <Button icon={<PlusOutlined />} onClick={() => s.add({ startTime: '09:00', endTime: '10:30' })} style={{ alignSelf: 'flex-start' }}>
                            {t('plans.form.addSitting')}
                          </Button>
                        </Flex>
                      )}
                    </Form.List>
                  </Card>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ kind: 'practical', durationMinutes: 120, sittings: [] })}
                  style={{ alignSelf: 'flex-start' }}
                >
                  {t('plans.form.addPart')}
                </Button>
              </>
            )}
          </Form.List>
          <Card title={t('plans.form.conflicts')} extra={<Typography.Text type="secondary">{t('plans.form.conflictsHint')}</Typography.Text>}>
            <Form.List name="conflicts">
              {(rows, { add, remove }) => (
                <Flex vertical gap={8}>
                  {rows.map((row) => (
                    <Flex key={row.key} gap={8} wrap align="baseline">
                      <Form.Item name={[row.name, 'certificateNo']} style={{ width: 320, marginBottom: 0 }}>
                        <Select options={people} placeholder={t('plans.roles.examiner')} />
                      </Form.Item>
                      <Form.Item name={[row.name, 'kind']} style={{ width: 160, marginBottom: 0 }}>
                        <Select options={(['teaches_class', 'relative'] as const).map((k) => ({ value: k, label: t(`plans.conflictKinds.${k}`) }))} />
                      </Form.Item>
                      <Form.Item name={[row.name, 'value']} style={{ width: 200, marginBottom: 0 }}>
                        <Input placeholder={t('plans.form.conflictValue')} />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('plans.form.removeConflict')} />
                    </Flex>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'teaches_class' })} style={{ alignSelf: 'flex-start' }}>
                    {t('plans.form.addConflict')}
                  </Button>
                </Flex>
              )}
            </Form.List>
          </Card>
          <Card title={t('plans.fields.note')}>
            <Form.Item name="note" rules={[{ max: 2000 }]} style={{ marginBottom: 0 }}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Card>
          {saved ? (
            <Card
              title={t('plans.checks.title')}
              extra={
                checks.data ? (
                  <Typography.Text type="secondary">{t('plans.checks.earliest', { date: checks.data.earliestFirstSitting })}</Typography.Text>
                ) : null
              }
            >
              {checks.data ? (
                <>
                  <Alert
                    type={checks.data.ready ? 'success' : 'warning'}
                    showIcon
                    title={checks.data.ready ? t('plans.checks.ready') : t('plans.checks.notReady')}
                    style={{ marginBottom: 12 }}
                    data-testid="plan-checks-verdict"
                    data-ready={String(checks.data.ready)}
                  />
                  <PlanChecksTable checks={checks.data.checks} data-testid="plan-checks" />
                </>
              ) : (
                <Skeleton active paragraph={{ rows: 3 }} />
              )}
            </Card>
          ) : null}
          <Flex justify="flex-end" gap={8}>
            <Button icon={<SaveOutlined />} loading={save.isPending && !submit.isPending} onClick={() => void onSave()} data-testid="plan-save">
              {t('plans.saveDraft')}
            </Button>
            <Button type="primary" icon={<SendOutlined />} loading={busy} onClick={() => void onSubmit()} data-testid="plan-submit">
              {t('plans.submit')}
            </Button>
          </Flex>
        </Flex>
      </Form>
    </div>
  );
}
