import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { BlueprintPart, Course, CourseBody } from '@skillcert/shared/api/banks';
import { App, AutoComplete, Button, Col, Drawer, Flex, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useBlueprints } from '@/features/blueprints/api/get-blueprints';
import { BlueprintSelect } from '@/features/blueprints/components/blueprint-select';
import { useCreateCourse } from '@/features/curriculum/api/create-course';
import { useUpdateCourse } from '@/features/curriculum/api/update-course';
import { useOrganisation } from '@/features/organisations/api/get-organisation';
import { applyFieldIssues } from '@/lib/form';

interface Mapping {
  blueprintId?: string;
  /** "theory:1", "skills:2" … */
  areas?: string[];
}

interface FormValues {
  name?: string;
  code?: string;
  majorCode?: string;
  hours?: number | null;
  mappings?: Mapping[];
}

function toBody(v: FormValues): CourseBody {
  const areas = (v.mappings ?? []).flatMap((m) =>
    (m.areas ?? []).map((key) => {
      const [part, ...code] = key.split(':');
      return { blueprintId: m.blueprintId ?? '', part: (part === 'skills' ? 'skills' : 'theory') as BlueprintPart, areaCode: code.join(':') };
    }),
  );
  return {
    name: (v.name ?? '').trim(),
    code: v.code?.trim() || null,
    majorCode: v.majorCode?.trim() || null,
    hours: v.hours ?? null,
    areas,
  };
}

function initialValues(course: Course | undefined): FormValues {
  if (!course) return { mappings: [{}] };
  const byBlueprint = new Map<string, string[]>();
  for (const a of course.areas) byBlueprint.set(a.blueprintId, [...(byBlueprint.get(a.blueprintId) ?? []), `${a.part}:${a.areaCode}`]);
  return {
    name: course.name,
    code: course.code ?? undefined,
    majorCode: course.majorCode ?? undefined,
    hours: course.hours,
    mappings: byBlueprint.size ? [...byBlueprint.entries()].map(([blueprintId, areas]) => ({ blueprintId, areas })) : [{}],
  };
}

/** A course (课程) and the blueprint areas it teaches: pick a blueprint, then its theory and skill areas. */
export function CourseFormDrawer({ open, course, onClose }: { open: boolean; course?: Course; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateCourse();
  const update = useUpdateCourse();
  const saving = create.isPending || update.isPending;
  const school = useOrganisation(me.organisation.kind === 'school' ? me.organisation.id : undefined);
  const blueprints = useBlueprints();
  const mappings = Form.useWatch('mappings', form) as Mapping[] | undefined;

  const onFinish = (v: FormValues) => {
    const handlers = {
      onSuccess: () => {
        void message.success(t('curriculum.saved'));
        onClose();
      },
      onError: (error: Error) => applyFieldIssues(form, error),
    };
    if (course) update.mutate({ id: course.id, body: toBody(v) }, handlers);
    else create.mutate(toBody(v), handlers);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={course ? t('curriculum.editTitle') : t('curriculum.createTitle')}
      data-testid="course-drawer"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="course-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<FormValues> form={form} layout="vertical" disabled={saving} initialValues={initialValues(course)} onFinish={onFinish}>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item
              name="name"
              label={t('curriculum.fields.name')}
              rules={[{ required: true, whitespace: true, max: 100, message: t('curriculum.nameRequired') }]}
            >
              <Input data-testid="course-name" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="code" label={t('curriculum.fields.code')} rules={[{ max: 30 }]}>
              <Input data-testid="course-code" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="majorCode" label={t('curriculum.fields.major')} rules={[{ pattern: /^\d{6}$/, message: t('majors.codeFormat') }]}>
              <AutoComplete
                allowClear
                placeholder={t('curriculum.majorPlaceholder')}
                options={(school.data?.majors ?? []).map((m) => ({ value: m.code, label: `${m.code} ${m.name}` }))}
                data-testid="course-major"
              />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="hours" label={t('curriculum.fields.hours')}>
              <InputNumber min={0} max={2000} precision={0} suffix={t('curriculum.hoursUnit')} style={{ width: '100%' }} data-testid="course-hours" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('curriculum.areasTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('curriculum.areasHint')}</Typography.Paragraph>
        <Form.List name="mappings">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, i) => {
                const bp = blueprints.data?.find((b) => b.id === mappings?.[i]?.blueprintId);
                const options = bp
                  ? (['theory', 'skills'] as const).map((part) => ({
                      label: t(`blueprintParts.${part}`),
                      options: bp[part].map((a) => ({ value: `${part}:${a.code}`, label: `${a.code} ${a.name}（${a.weight}%）` })),
                    }))
                  : [];
                return (
                  <Flex key={field.key} gap={8} align="start">
                    <Form.Item
                      name={[field.name, 'blueprintId']}
                      rules={[{ required: true, message: t('itemEditor.blueprintRequired') }]}
                      style={{ width: 260, marginBottom: 0 }}
                    >
                      <BlueprintSelect
                        ownOnly
                        data-testid={`course-blueprint-${i}`}
                        onChange={() => form.setFieldValue(['mappings', field.name, 'areas'], [])}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'areas']} style={{ flex: 1, marginBottom: 0 }}>
                      <Select
                        mode="multiple"
                        allowClear
                        disabled={!bp}
                        placeholder={t('curriculum.areasPlaceholder')}
                        options={options}
                        data-testid={`course-areas-${i}`}
                      />
                    </Form.Item>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                  </Flex>
                );
              })}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="course-add-blueprint">
                {t('curriculum.addBlueprint')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
