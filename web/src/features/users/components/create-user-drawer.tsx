import type { CreateUserBody } from '@skillcert/shared/api/users';
import { CreateUserBody as CreateUserSchema } from '@skillcert/shared/api/users';
import type { Role } from '@skillcert/shared/domain';
import { Alert, App, Button, Drawer, Flex, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useOrganisation } from '@/features/organisations/api/get-organisation';
import { OrganisationSelect } from '@/features/organisations/components/organisation-select';
import { useCreateUser } from '@/features/users/api/create-user';
import { assignableRoles } from '@/features/users/components/role-options';
import { applyFieldIssues, newPasswordRules, schemaRule } from '@/lib/form';

interface FormValues {
  orgId?: string;
  role?: Role;
  username: string;
  displayName: string;
  password: string;
}

interface CreateUserDrawerProps {
  open: boolean;
  /** Pre-selected organisation (e.g. the list's org filter). */
  defaultOrgId?: string;
  onClose: () => void;
}

export function CreateUserDrawer({ open, defaultOrgId, onClose }: CreateUserDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateUser();
  // A school admin creates accounts of its own school only.
  const fixedOrg = me.organisation.kind === 'school' ? me.organisation.id : undefined;
  const orgId = Form.useWatch('orgId', form);
  const org = useOrganisation(orgId);
  const roles = assignableRoles(org.data?.kind, me);

  const onFinish = (v: FormValues) => {
    const body: CreateUserBody = {
      orgId: v.orgId ?? '',
      role: v.role ?? 'candidate',
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      password: v.password,
    };
    create.mutate(body, {
      onSuccess: (user) => {
        void message.success(t('users.created', { username: user.username }));
        onClose();
      },
      onError: (error) => applyFieldIssues(form, error),
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={480}
      destroyOnHidden
      title={t('users.createTitle')}
      data-testid="user-create-drawer"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="user-submit">
            {t('common.create')}
          </Button>
        </Flex>
      }
    >
      <Alert type="info" showIcon title={t('users.initialPasswordNote')} style={{ marginBottom: 16 }} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        disabled={create.isPending}
        initialValues={{ orgId: fixedOrg ?? defaultOrgId }}
        onValuesChange={(changed: Partial<FormValues>) => {
          if ('orgId' in changed) form.setFieldValue('role', undefined);
        }}
        onFinish={onFinish}
      >
        <Form.Item name="orgId" label={t('users.fields.organisation')} rules={[{ required: true, message: t('common.required') }]}>
          <OrganisationSelect disabled={fixedOrg !== undefined} allowClear={false} data-testid="user-form-org" />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('users.fields.role')}
          rules={[{ required: true, message: t('common.required') }]}
          extra={orgId ? undefined : t('users.pickOrgFirst')}
        >
          <Select<Role>
            disabled={!orgId || roles.length === 0}
            loading={org.isFetching}
            options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            data-testid="user-form-role"
          />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('users.fields.username')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }, schemaRule(CreateUserSchema.shape.username, t('users.usernameRule'))]}
          extra={t('users.usernameRule')}
        >
          <Input autoComplete="off" maxLength={64} data-testid="user-form-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.fields.displayName')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            schemaRule(CreateUserSchema.shape.displayName, t('users.displayNameRule')),
          ]}
        >
          <Input maxLength={50} data-testid="user-form-display-name" />
        </Form.Item>
        <Form.Item name="password" label={t('users.fields.initialPassword')} rules={newPasswordRules(t)}>
          <Input.Password autoComplete="new-password" data-testid="user-form-password" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
