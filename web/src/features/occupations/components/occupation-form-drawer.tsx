import type { Occupation, OccupationBody } from '@skillcert/shared/api/occupations';
import { OccupationCode } from '@skillcert/shared/api/occupations';
import { SKILL_LEVELS, type SkillLevel } from '@skillcert/shared/domain';
import { App, Button, Checkbox, Drawer, Flex, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateOccupation } from '@/features/occupations/api/create-occupation';
import { useUpdateOccupation } from '@/features/occupations/api/update-occupation';
import { applyFieldIssues, schemaRule } from '@/lib/form';

interface FormValues {
  code: string;
  name: string;
  nameEn?: string;
  levels: SkillLevel[];
  standardYear?: number | null;
  standardCode?: string;
  workTypes?: string[];
}

function body(v: FormValues): OccupationBody {
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    nameEn: v.nameEn?.trim() || null,
    levels: [...v.levels].sort((a, b) => b - a),
    standardYear: v.standardYear ?? null,
    standardCode: v.standardCode?.trim() || null,
    workTypes: (v.workTypes ?? []).map((w) => w.trim()).filter(Boolean),
  };
}

/** Add or edit an occupation of the catalog (occupation.manage). The code is fixed once created. */
export function OccupationFormDrawer({ open, occupation, onClose }: { open: boolean; occupation?: Occupation; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateOccupation();
  const update = useUpdateOccupation();
  const saving = create.isPending || update.isPending;
  const editing = occupation !== undefined;

  const onFinish = (v: FormValues) => {
    const handlers = {
      onSuccess: (o: Occupation) => {
        void message.success(editing ? t('common.saved') : t('occupations.created', { name: o.name }));
        onClose();
      },
      onError: (error: Error) => applyFieldIssues(form, error),
    };
    if (editing) update.mutate(body(v), handlers);
    else create.mutate(body(v), handlers);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={520}
      destroyOnHidden
      title={editing ? t('occupations.editTitle') : t('occupations.createTitle')}
      data-testid="occupation-drawer"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="occupation-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        disabled={saving}
        onFinish={onFinish}
        initialValues={
          occupation
            ? {
                code: occupation.code,
                name: occupation.name,
                nameEn: occupation.nameEn ?? undefined,
                levels: occupation.levels,
                standardYear: occupation.standardYear,
                standardCode: occupation.standardCode ?? undefined,
                workTypes: occupation.workTypes,
              }
            : { levels: [5, 4, 3, 2, 1] }
        }
      >
        <Form.Item
          name="code"
          label={t('occupations.fields.code')}
          rules={[{ required: true, message: t('occupations.form.codeRequired') }, schemaRule(OccupationCode, t('occupations.form.codeFormat'))]}
          extra={t('occupations.form.codeFormat')}
        >
          <Input disabled={editing} data-testid="occupation-code" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('occupations.fields.name')}
          rules={[{ required: true, whitespace: true, message: t('occupations.form.nameRequired') }, { max: 50 }]}
        >
          <Input data-testid="occupation-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('occupations.fields.nameEn')} rules={[{ max: 100 }]}>
          <Input data-testid="occupation-name-en" />
        </Form.Item>
        <Form.Item
          name="levels"
          label={t('occupations.fields.levels')}
          rules={[{ required: true, type: 'array', min: 1, message: t('occupations.form.levelsRequired') }]}
        >
          <Checkbox.Group options={SKILL_LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))} data-testid="occupation-levels" />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="standardYear" label={t('occupations.fields.standardYear')} extra={t('occupations.form.standardYearHint')} style={{ flex: 1 }}>
            <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} data-testid="occupation-standard-year" />
          </Form.Item>
          <Form.Item name="standardCode" label={t('occupations.fields.standardCode')} rules={[{ max: 40 }]} style={{ flex: 1 }}>
            <Input data-testid="occupation-standard-code" />
          </Form.Item>
        </Flex>
        <Form.Item name="workTypes" label={t('occupations.fields.workTypes')} extra={t('occupations.form.workTypesHint')}>
          <Select<string[]> mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '；', ';']} data-testid="occupation-work-types" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
