import type { CreateOrganisationBody, Organisation, UpdateOrganisationBody } from '@skillcert/shared/api/organisations';
import { CreateOrganisationBody as CreateSchema } from '@skillcert/shared/api/organisations';
import { ORG_KINDS, SCHOOL_TYPES, type OrgKind, type SchoolType } from '@skillcert/shared/domain';
import { Alert, App, Button, Checkbox, Drawer, Flex, Form, Input, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateOrganisation } from '@/features/organisations/api/create-organisation';
import { useUpdateOrganisation } from '@/features/organisations/api/update-organisation';
import { RegionCascader } from '@/features/regions/components/region-cascader';
import { applyFieldIssues, schemaRule } from '@/lib/form';
import { ApiError } from '@/lib/http';

/** Kinds that may be created here (the platform organisation exists once). */
const CREATABLE_KINDS = ORG_KINDS.filter((k): k is Exclude<OrgKind, 'platform'> => k !== 'platform');

/** GB 32100 alphabet: digits and capitals without I, O, S, V, Z. The check character is verified by the server. */
const CREDIT_CODE_FORMAT = /^[0-9A-HJ-NP-RTUW-Y]{18}$/;

interface FormValues {
  kind: OrgKind;
  name: string;
  regionCode?: string;
  creditCode?: string;
  creditCodeOverride?: boolean;
  schoolType?: SchoolType;
  runsThroughPrograms?: boolean;
  active?: boolean;
}

function initialValues(org: Organisation | undefined, defaultRegion: string | undefined): FormValues {
  if (!org) return { kind: 'school', name: '', regionCode: defaultRegion, runsThroughPrograms: false, creditCodeOverride: false };
  return {
    kind: org.kind,
    name: org.name,
    regionCode: org.regionCode,
    creditCode: org.creditCode ?? undefined,
    creditCodeOverride: org.creditCodeOverride,
    schoolType: org.schoolType ?? undefined,
    runsThroughPrograms: org.runsThroughPrograms,
    active: org.active,
  };
}

function createBody(v: FormValues): CreateOrganisationBody {
  const kind = v.kind === 'platform' ? 'school' : v.kind;
  const creditCode = v.creditCode?.trim() || undefined;
  return {
    kind,
    name: v.name.trim(),
    regionCode: v.regionCode ?? '',
    ...(creditCode ? { creditCode, creditCodeOverride: Boolean(v.creditCodeOverride) } : {}),
    ...(kind === 'school' ? { schoolType: v.schoolType ?? null, runsThroughPrograms: Boolean(v.runsThroughPrograms) } : {}),
  };
}

/** Only what changed (PATCH); the credit code travels with its override flag, which the server reads together. */
function updateBody(org: Organisation, v: FormValues): UpdateOrganisationBody {
  const body: UpdateOrganisationBody = {};
  const name = v.name.trim();
  if (name !== org.name) body.name = name;
  if (v.regionCode && v.regionCode !== org.regionCode) body.regionCode = v.regionCode;
  const creditCode = v.creditCode?.trim() || null;
  const override = Boolean(v.creditCodeOverride);
  if (creditCode !== org.creditCode || (creditCode !== null && override !== org.creditCodeOverride)) {
    body.creditCode = creditCode;
    body.creditCodeOverride = creditCode !== null && override;
  }
  if (org.kind === 'school') {
    if ((v.schoolType ?? null) !== org.schoolType) body.schoolType = v.schoolType ?? null;
    if (Boolean(v.runsThroughPrograms) !== org.runsThroughPrograms) body.runsThroughPrograms = Boolean(v.runsThroughPrograms);
  }
  if (v.active !== undefined && v.active !== org.active) body.active = v.active;
  return body;
}

interface OrganisationFormDrawerProps {
  open: boolean;
  /** Edit this organisation; create a new one when absent. */
  organisation?: Organisation;
  /** Pre-selected region for a new organisation (the user's own). */
  defaultRegion?: string;
  onClose: () => void;
  onSaved?: (org: Organisation) => void;
}

export function OrganisationFormDrawer({ open, organisation, defaultRegion, onClose, onSaved }: OrganisationFormDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateOrganisation();
  const update = useUpdateOrganisation();
  /** The server's ORG.CREDIT_CODE_CHECK message: the code fails its check character. */
  const [checkFailed, setCheckFailed] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const editing = organisation !== undefined;
  const saving = create.isPending || update.isPending;
  const showOverride = checkFailed !== null || Boolean(organisation?.creditCodeOverride);

  const close = () => {
    setCheckFailed(null);
    onClose();
  };

  const onError = (error: Error) => {
    if (error instanceof ApiError && error.code === 'ORG.CREDIT_CODE_CHECK') {
      setCheckFailed(error.message);
      form.setFields([{ name: 'creditCode', errors: [t('organisations.form.creditCodeCheckFailed')] }]);
      return;
    }
    applyFieldIssues(form, error);
  };

  const onSuccess = (org: Organisation) => {
    void message.success(editing ? t('common.saved') : t('organisations.created', { name: org.name }));
    onSaved?.(org);
    close();
  };

  const onFinish = (values: FormValues) => {
    if (organisation) {
      const body = updateBody(organisation, values);
      if (Object.keys(body).length === 0) {
        void message.info(t('common.nothingChanged'));
        close();
        return;
      }
      update.mutate({ id: organisation.id, body }, { onSuccess, onError });
    } else {
      create.mutate(createBody(values), { onSuccess, onError });
    }
  };

  return (
    <Drawer
      open={open}
      onClose={close}
      size={520}
      destroyOnHidden
      title={editing ? t('organisations.editTitle') : t('organisations.createTitle')}
      data-testid="organisation-drawer"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="organisation-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues(organisation, defaultRegion)}
        onFinish={onFinish}
        disabled={saving}
        onValuesChange={(changed: Partial<FormValues>) => {
          // A different code needs its own decision.
          if ('creditCode' in changed) {
            setCheckFailed(null);
            form.setFieldValue('creditCodeOverride', false);
          }
        }}
      >
        <Form.Item name="kind" label={t('organisations.fields.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            disabled={editing}
            data-testid="organisation-kind"
            options={(editing ? ORG_KINDS : CREATABLE_KINDS).map((k) => ({ value: k, label: t(`orgKinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('organisations.fields.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }, schemaRule(CreateSchema.shape.name, t('organisations.form.nameLength'))]}
        >
          <Input maxLength={100} data-testid="organisation-name" />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('organisations.fields.region')}
          rules={[{ required: true, message: t('common.required') }]}
          extra={t('organisations.form.regionHint')}
        >
          <RegionCascader data-testid="organisation-region" />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('organisations.fields.creditCode')}
          normalize={(v: string | undefined) => (v ? v.toUpperCase().replace(/\s/g, '') : v)}
          rules={[{ pattern: CREDIT_CODE_FORMAT, message: t('organisations.form.creditCodeFormat') }]}
          extra={t('organisations.form.creditCodeHint')}
        >
          <Input maxLength={18} allowClear data-testid="organisation-credit-code" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        {checkFailed ? <Alert type="warning" showIcon title={checkFailed} style={{ marginBottom: 12 }} data-testid="credit-code-check-failed" /> : null}
        {showOverride ? (
          <Form.Item name="creditCodeOverride" valuePropName="checked">
            <Checkbox data-testid="credit-code-override">{t('organisations.form.creditCodeOverride')}</Checkbox>
          </Form.Item>
        ) : null}
        {kind === 'school' ? (
          <>
            <Form.Item name="schoolType" label={t('organisations.fields.schoolType')} rules={[{ required: true, message: t('common.required') }]}>
              <Select data-testid="organisation-school-type" options={SCHOOL_TYPES.map((s) => ({ value: s, label: t(`schoolTypes.${s}`) }))} />
            </Form.Item>
            <Form.Item
              name="runsThroughPrograms"
              label={t('organisations.fields.runsThroughPrograms')}
              valuePropName="checked"
              extra={t('organisations.form.runsThroughProgramsHint')}
            >
              <Switch data-testid="organisation-through" />
            </Form.Item>
          </>
        ) : null}
        {editing ? (
          <Form.Item name="active" label={t('organisations.fields.status')} valuePropName="checked">
            <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}
