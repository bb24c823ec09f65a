import type { User } from '@skillcert/shared/api/users';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useResetPassword } from '@/features/users/api/reset-password';
import { applyFieldIssues, confirmRule, newPasswordRules } from '@/lib/form';

const SUBMIT_TEST_ID = { 'data-testid': 'reset-password-submit' };

interface FormValues {
  password: string;
  confirmPassword: string;
}

/** Sets a new password for another account; its owner must change it at the next login. */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const reset = useResetPassword();

  const onFinish = (v: FormValues) => {
    if (!user) return;
    reset.mutate(
      { id: user.id, body: { password: v.password } },
      {
        onSuccess: () => {
          void message.success(t('users.passwordReset', { username: user.username }));
          onClose();
        },
        onError: (error) => applyFieldIssues(form, error),
      },
    );
  };

  return (
    <Modal
      open={user !== null}
      title={t('users.resetPasswordTitle', { username: user?.username ?? '' })}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ ...SUBMIT_TEST_ID }}
    >
      <Typography.Paragraph type="secondary">{t('users.resetPasswordNote')}</Typography.Paragraph>
      <Form<FormValues> form={form} layout="vertical" onFinish={onFinish} disabled={reset.isPending}>
        <Form.Item name="password" label={t('password.new')} rules={newPasswordRules(t)}>
          <Input.Password autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('password.confirm')}
          dependencies={['password']}
          rules={[{ required: true, message: t('password.rules.confirmRequired') }, confirmRule('password', t('password.rules.mismatch'))]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
