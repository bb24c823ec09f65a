import '@/features/enrolments/i18n';
import { Alert, Button, Card, Flex, Form, Input, Layout, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LanguageSwitch } from '@/components/language-switch';
import { meQueryKey } from '@/features/auth/api/get-me';
import { useActivate } from '@/features/candidate/api/candidate';

interface Values {
  username: string;
  activationCode: string;
  newPassword: string;
  confirm: string;
}

/** A candidate's first login: the username and one-time code from the enrolment confirmation, and a password of their own. */
export function ActivatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const activate = useActivate();
  return (
    <Layout style={{ minHeight: '100vh', background: '#f0f2f5' }}>
      <Flex justify="flex-end" style={{ padding: 16 }}>
        <LanguageSwitch />
      </Flex>
      <Flex justify="center" style={{ padding: '24px 16px' }}>
        <Card style={{ width: '100%', maxWidth: 420 }} title={t('candidatePage.activateTitle')}>
          <Typography.Paragraph type="secondary">{t('candidatePage.activateHint')}</Typography.Paragraph>
          {activate.error ? <Alert type="error" showIcon title={activate.error.message} style={{ marginBottom: 16 }} data-testid="activate-error" /> : null}
          <Form<Values>
            layout="vertical"
            requiredMark={false}
            disabled={activate.isPending}
            onFinish={(v) =>
              activate.mutate(
                { username: v.username, activationCode: v.activationCode, newPassword: v.newPassword },
                {
                  onSuccess: async (me) => {
                    qc.setQueryData(meQueryKey, me);
                    await navigate('/me', { replace: true });
                  },
                },
              )
            }
          >
            <Form.Item name="username" label={t('enrolment.username')} rules={[{ required: true, message: t('candidatePage.required') }]}>
              <Input autoComplete="username" data-testid="activate-username" />
            </Form.Item>
            <Form.Item name="activationCode" label={t('enrolment.activationCode')} rules={[{ required: true, message: t('candidatePage.required') }]}>
              <Input data-testid="activate-code" />
            </Form.Item>
            <Form.Item name="newPassword" label={t('candidatePage.newPassword')} rules={[{ required: true, min: 8, message: t('candidatePage.passwordRule') }]}>
              <Input.Password autoComplete="new-password" data-testid="activate-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('candidatePage.confirmPassword')}
              dependencies={['newPassword']}
              rules={[
                { required: true, message: t('candidatePage.required') },
                ({ getFieldValue }) => ({
                  validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('candidatePage.mismatch')))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="activate-confirm" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={activate.isPending} data-testid="activate-submit">
              {t('candidatePage.activate')}
            </Button>
          </Form>
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Link to="/login">{t('candidatePage.backToLogin')}</Link>
          </Flex>
        </Card>
      </Flex>
    </Layout>
  );
}
