import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useCurrentUser } from '@/features/auth/components/current-user';

/** Shown while the account still has an initial or reset password (`me.mustChangePassword`). */
export function MustChangePasswordBanner() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { pathname } = useLocation();
  if (!me.mustChangePassword) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="must-change-password"
      title={t('password.mustChange.title')}
      description={t('password.mustChange.description')}
      action={
        pathname === '/password' ? undefined : (
          <Link to="/password">
            <Button size="small" type="primary">
              {t('password.mustChange.action')}
            </Button>
          </Link>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}
