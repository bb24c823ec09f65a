import type { Spec, SpecBody } from '@skillcert/shared/api/specs';
import type { SkillLevel } from '@skillcert/shared/domain';
import { Alert, App, Button, Checkbox, Descriptions, Drawer, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AttachmentsField } from '@/features/attachments/components/attachments-field';
import { AttachmentList } from '@/features/attachments/components/attachment-list';
import { useOccupation } from '@/features/occupations/api/get-occupation';
import { OccupationSelect } from '@/features/occupations/components/occupation-select';
import { useCreateSpec } from '@/features/specs/api/create-spec';
import { useUpdateSpec } from '@/features/specs/api/update-spec';
import { BlueprintEditor, type BlueprintRow } from '@/features/specs/components/blueprint-editor';
import { SpecStatusTag } from '@/features/specs/components/spec-status-tag';
import { applyFieldIssues } from '@/lib/form';
import { formatDateTime } from '@/lib/format';

interface FormValues {
  occupationCode?: string;
  levels?: SkillLevel[];
  title?: string;
  attachmentIds?: string[];
  theory?: BlueprintRow[];
  skills?: BlueprintRow[];
}

function body(v: FormValues): SpecBody {
  const rows = (r: BlueprintRow[] | undefined) => (r ?? []).map((x) => ({ area: (x.area ?? '').trim(), weight: x.weight ?? 0 }));
  return {
    occupationCode: v.occupationCode ?? '',
    levels: v.levels ?? [],
    title: (v.title ?? '').trim(),
    attachmentId: v.attachmentIds?.[0] ?? null,
    theory: rows(v.theory),
    skills: rows(v.skills),
  };
}

interface SpecFormDrawerProps {
  open: boolean;
  /** Edit (draft / returned, own school) or view it; create when absent. */
  spec?: Spec;
  readOnly?: boolean;
  onClose: () => void;
}

/** A 评价规范: occupation without a national standard (R5), levels, title, document, and both blueprints adding to 100. */
export function SpecFormDrawer({ open, spec, readOnly = false, onClose }: SpecFormDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateSpec();
  const update = useUpdateSpec();
  const saving = create.isPending || update.isPending;
  const code = Form.useWatch('occupationCode', form) as string | undefined;
  const occupation = useOccupation(code ?? spec?.occupationCode);

  const onFinish = (v: FormValues) => {
    const handlers = {
      onSuccess: () => {
        void message.success(t('specs.created'));
        onClose();
      },
      onError: (error: Error) => applyFieldIssues(form, error),
    };
    if (spec) update.mutate({ id: spec.id, body: body(v) }, handlers);
    else create.mutate(body(v), handlers);
  };

  const title = readOnly ? t('specs.viewTitle') : spec ? t('specs.editTitle') : t('specs.createTitle');

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={720}
      destroyOnHidden
      title={title}
      data-testid="spec-drawer"
      footer={
        readOnly ? null : (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="spec-save">
              {t('common.save')}
            </Button>
          </Flex>
        )
      }
    >
      {spec ? (
        <Descriptions
          size="small"
          column={2}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'school', label: t('specs.fields.school'), children: spec.orgName },
            { key: 'status', label: t('specs.fields.status'), children: <SpecStatusTag status={spec.status} /> },
            { key: 'updatedAt', label: t('specs.fields.updatedAt'), children: formatDateTime(spec.updatedAt) },
            ...(spec.filedAt ? [{ key: 'filedAt', label: t('specs.fields.filedAt'), children: formatDateTime(spec.filedAt) }] : []),
          ]}
        />
      ) : null}
      {spec?.reviewNote ? (
        <Alert
          type={spec.status === 'returned' ? 'warning' : 'info'}
          showIcon
          title={t('specs.fields.reviewNote')}
          description={spec.reviewNote}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<FormValues>
        form={form}
        layout="vertical"
        disabled={saving || readOnly}
        onFinish={onFinish}
        onValuesChange={(changed: Partial<FormValues>) => {
          if ('occupationCode' in changed) form.setFieldValue('levels', []);
        }}
        initialValues={
          spec
            ? {
                occupationCode: spec.occupationCode,
                levels: spec.levels,
                title: spec.title,
                attachmentIds: spec.attachmentId ? [spec.attachmentId] : [],
                theory: spec.theory,
                skills: spec.skills,
              }
            : { levels: [], attachmentIds: [], theory: [{}], skills: [{}] }
        }
      >
        <Form.Item
          name="occupationCode"
          label={t('specs.fields.occupation')}
          extra={t('specs.form.occupationHint')}
          rules={[{ required: true, message: t('specs.form.occupationRequired') }]}
        >
          <OccupationSelect hasStandard={false} style={{ width: '100%' }} data-testid="spec-occupation" />
        </Form.Item>
        <Form.Item
          name="levels"
          label={t('specs.fields.levels')}
          extra={code || spec ? undefined : t('filings.scope.pickOccupationFirst')}
          rules={[{ required: true, type: 'array', min: 1, message: t('specs.form.levelsRequired') }]}
        >
          <Checkbox.Group options={(occupation.data?.levels ?? []).map((l) => ({ value: l, label: t(`levels.${l}`) }))} data-testid="spec-levels" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('specs.fields.title')}
          rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t('specs.form.titleRequired') }]}
        >
          <Input data-testid="spec-title" />
        </Form.Item>
        <Form.Item name="attachmentIds" label={t('specs.fields.attachment')}>
          {readOnly ? <ReadOnlyAttachments /> : <AttachmentsField single testId="spec-attachment" />}
        </Form.Item>
        <Typography.Title level={5}>{t('specs.fields.theory')}</Typography.Title>
        <BlueprintEditor name="theory" form={form} disabled={saving || readOnly} />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('specs.fields.skills')}
        </Typography.Title>
        <BlueprintEditor name="skills" form={form} disabled={saving || readOnly} />
      </Form>
    </Drawer>
  );
}

/** A read-only form control showing the spec's document. */
function ReadOnlyAttachments({ value }: { value?: string[] }) {
  return <AttachmentList ids={value ?? []} />;
}
