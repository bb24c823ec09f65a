import { LockOutlined, SafetyCertificateOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginBody } from '@skillcert/shared/api/auth';
import { Alert, Button, Card, Flex, Form, Input, Layout, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { LanguageSwitch } from '@/components/language-switch';
import { useMe } from '@/features/auth/api/get-me';
import { useLogin } from '@/features/auth/api/login';
import { ApiError } from '@/lib/http';

function loginErrorText(error: Error | null, t: TFunction): string | null {
  if (!error) return null;
  if (!(error instanceof ApiError)) return t('errors.unknown');
  switch (error.code) {
    case 'AUTH.INVALID_CREDENTIALS':
      return t('login.invalidCredentials');
    case 'AUTH.THROTTLED': {
      const seconds = error.details?.retryAfterSeconds;
      return typeof seconds === 'number' ? t('login.throttledFor', { seconds }) : t('login.throttled');
    }
    default:
      return error.message;
  }
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const login = useLogin();
  const [form] = Form.useForm<LoginBody>();

  if (me.data) return <Navigate to="/" replace />;

  const errorText = loginErrorText(login.error, t);

  return (
    <Layout style={{ minHeight: '100vh', background: '#f0f2f5' }}>
      <Flex justify="flex-end" style={{ padding: 16 }}>
        <LanguageSwitch />
      </Flex>
      <Flex vertical align="center" justify="center" style={{ flex: 1, padding: '0 16px 96px' }}>
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
          <SafetyCertificateOutlined style={{ fontSize: 40, color: '#1677ff' }} />
          <Typography.Title level={2} style={{ margin: '8px 0 0' }} data-testid="product-title">
            {t('app.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </Flex>
        <Card style={{ width: '100%', maxWidth: 400 }} title={t('login.title')}>
          {errorText ? (
            <Alert type="error" showIcon title={errorText} style={{ marginBottom: 16 }} data-testid="login-error" />
          ) : null}
          <Form<LoginBody>
            form={form}
            layout="vertical"
            requiredMark={false}
            disabled={login.isPending}
            onFinish={(values) => login.mutate(values, { onSuccess: () => void navigate('/', { replace: true }) })}
          >
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
        <Link to="/public/institutions" style={{ marginTop: 16 }} data-testid="public-catalog-link">
          <SearchOutlined /> {t('publicCatalog.link')}
        </Link>
        <Link to="/activate" style={{ marginTop: 8 }} data-testid="activate-link">
          {t('candidatePage.activateLink')}
        </Link>
      </Flex>
    </Layout>
  );
}
