import type { UpdateUserBody, User } from '@skillcert/shared/api/users';
import { UpdateUserBody as UpdateUserSchema } from '@skillcert/shared/api/users';
import type { Role } from '@skillcert/shared/domain';
import { App, Button, Descriptions, Drawer, Flex, Form, Input, Select, Skeleton, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadErrorResult } from '@/components/status-result';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useOrganisation } from '@/features/organisations/api/get-organisation';
import { useUpdateUser } from '@/features/users/api/update-user';
import { useUser } from '@/features/users/api/get-user';
import { assignableRoles } from '@/features/users/components/role-options';
import { applyFieldIssues, schemaRule } from '@/lib/form';
import { formatDateTime } from '@/lib/format';

interface FormValues {
  displayName: string;
  role: Role;
  active: boolean;
}

function changes(user: User, v: FormValues): UpdateUserBody {
  const body: UpdateUserBody = {};
  const displayName = v.displayName.trim();
  if (displayName !== user.displayName) body.displayName = displayName;
  if (v.role !== user.role) body.role = v.role;
  if (v.active !== user.active) body.active = v.active;
  return body;
}

function EditUserForm({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<FormValues>();
  const update = useUpdateUser();
  // User carries no organisation kind: look the organisation up to offer the roles it may hold.
  const org = useOrganisation(user.orgId);
  const roles = org.data ? assignableRoles(org.data.kind, me) : [user.role];
  const isSelf = user.id === me.id;

  const onFinish = (v: FormValues) => {
    const body = changes(user, v);
    if (Object.keys(body).length === 0) {
      void message.info(t('common.nothingChanged'));
      onClose();
      return;
    }
    update.mutate(
      { id: user.id, body },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (error) => applyFieldIssues(form, error),
      },
    );
  };

  return (
    <>
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'username', label: t('users.fields.username'), children: user.username },
          { key: 'org', label: t('users.fields.organisation'), children: user.orgName },
          { key: 'createdAt', label: t('users.fields.createdAt'), children: formatDateTime(user.createdAt) },
        ]}
      />
      <Form<FormValues>
        form={form}
        id="edit-user-form"
        layout="vertical"
        disabled={update.isPending}
        initialValues={{ displayName: user.displayName, role: user.role, active: user.active }}
        onFinish={onFinish}
      >
        <Form.Item
          name="displayName"
          label={t('users.fields.displayName')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            schemaRule(UpdateUserSchema.shape.displayName, t('users.displayNameRule')),
          ]}
        >
          <Input maxLength={50} data-testid="user-edit-display-name" />
        </Form.Item>
        <Form.Item name="role" label={t('users.fields.role')} extra={isSelf ? t('users.selfLockout') : undefined}>
          <Select<Role>
            disabled={isSelf}
            loading={org.isFetching}
            options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            data-testid="user-edit-role"
          />
        </Form.Item>
        <Form.Item name="active" label={t('users.fields.status')} valuePropName="checked">
          <Switch disabled={isSelf} checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} data-testid="user-edit-active" />
        </Form.Item>
      </Form>
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" form="edit-user-form" loading={update.isPending} data-testid="user-edit-submit">
          {t('common.save')}
        </Button>
      </Flex>
    </>
  );
}

export function EditUserDrawer({ userId, onClose }: { userId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useUser(userId);
  return (
    <Drawer open={userId !== null} onClose={onClose} size={480} destroyOnHidden title={t('users.editTitle')} data-testid="user-edit-drawer">
      {user.isPending ? <Skeleton active /> : null}
      {user.isError ? <LoadErrorResult error={user.error} onRetry={() => void user.refetch()} /> : null}
      {user.data ? <EditUserForm key={user.data.id} user={user.data} onClose={onClose} /> : null}
    </Drawer>
  );
}
