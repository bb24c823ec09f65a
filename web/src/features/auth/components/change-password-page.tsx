import { PASSWORD_MIN } from '@skillcert/shared/api/auth';
import { App, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { useChangePassword } from '@/features/auth/api/change-password';
import { applyFieldIssues, confirmRule, newPasswordRules } from '@/lib/form';
import { ApiError } from '@/lib/http';

interface ChangePasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangePasswordForm>();
  const change = useChangePassword();

  const onFinish = ({ currentPassword, newPassword }: ChangePasswordForm) => {
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('password.changed'));
        },
        onError: (error) => {
          if (!(error instanceof ApiError)) return;
          if (error.code === 'AUTH.WRONG_PASSWORD') form.setFields([{ name: 'currentPassword', errors: [error.message] }]);
          else if (error.code === 'AUTH.SAME_PASSWORD') form.setFields([{ name: 'newPassword', errors: [error.message] }]);
          else applyFieldIssues(form, error);
        },
      },
    );
  };

  return (
    <>
      <PageHeader title={t('password.title')} />
      <Card style={{ maxWidth: 520 }}>
        <Typography.Paragraph type="secondary">{t('password.hint', { min: PASSWORD_MIN })}</Typography.Paragraph>
        <Form<ChangePasswordForm> form={form} layout="vertical" onFinish={onFinish} disabled={change.isPending}>
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.rules.currentRequired') }]}>
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('password.new')} rules={newPasswordRules(t)} hasFeedback>
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            hasFeedback
            rules={[{ required: true, message: t('password.rules.confirmRequired') }, confirmRule('newPassword', t('password.rules.mismatch'))]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
