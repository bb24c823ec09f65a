import { KeyOutlined, LogoutOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Divider, Flex, Grid, Layout, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { AppMenu } from '@/app/layout/app-menu';
import { LanguageSwitch } from '@/components/language-switch';
import { RoleTag } from '@/components/role-tag';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useLogout } from '@/features/auth/api/logout';
import { MustChangePasswordBanner } from '@/features/auth/components/must-change-password-banner';

export function AppLayout() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const logout = useLogout();
  const [collapsed, setCollapsed] = useState(false);
  // Phones: the header keeps the role, the language and icon-only buttons; the content keeps a narrower margin.
  const narrow = !Grid.useBreakpoint().md;
  const { pathname } = useLocation();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* The side menu stays in view on long pages (sticky, scrolling on its own when taller than the window). */}
      <Layout.Sider
        width={220}
        breakpoint="lg"
        collapsedWidth={64}
        collapsed={collapsed}
        onCollapse={setCollapsed}
        style={{ position: 'sticky', top: 0, height: '100vh', overflowY: 'auto', alignSelf: 'flex-start' }}
        data-testid="side-menu"
      >
        <Link to="/">
          <Flex align="center" gap={10} style={{ height: 64, padding: '0 16px 0 20px', color: '#fff', overflow: 'hidden' }}>
            <SafetyCertificateOutlined style={{ fontSize: 22, flex: 'none' }} />
            {collapsed ? null : (
              <Typography.Text strong style={{ color: '#fff', fontSize: 14, lineHeight: '20px' }} data-testid="app-title">
                {t('app.title')}
              </Typography.Text>
            )}
          </Flex>
        </Link>
        <AppMenu me={me} />
      </Layout.Sider>
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: '#fff',
            padding: narrow ? '0 12px' : '0 24px',
            borderBottom: '1px solid #f0f0f0',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'flex-end',
            gap: 16,
          }}
        >
          <Flex align="center" gap={narrow ? 8 : 16} style={{ flex: narrow ? '0 1 auto' : 'none', minWidth: 0 }} data-testid="user-box">
            <Flex align="center" gap={6} style={{ minWidth: 0 }}>
              <UserOutlined />
              {narrow ? null : (
                <>
                  <Typography.Text strong ellipsis={{ tooltip: true }} style={{ maxWidth: 180 }} data-testid="user-display-name">
                    {me.displayName}
                  </Typography.Text>
                  <Typography.Text type="secondary" ellipsis={{ tooltip: true }} style={{ maxWidth: 200 }} data-testid="user-organisation">
                    {me.organisation.name}
                  </Typography.Text>
                </>
              )}
              <RoleTag role={me.role} />
            </Flex>
            <Divider orientation="vertical" style={{ margin: 0 }} />
            <LanguageSwitch size="small" />
            <Divider orientation="vertical" style={{ margin: 0 }} />
            <Flex align="center" gap={4}>
              <Link to="/password">
                <Button
                  type="text"
                  icon={<KeyOutlined />}
                  aria-label={t('header.changePassword')}
                  title={narrow ? t('header.changePassword') : undefined}
                  data-testid="header-change-password"
                >
                  {narrow ? null : t('header.changePassword')}
                </Button>
              </Link>
              <Button
                type="text"
                icon={<LogoutOutlined />}
                loading={logout.isPending}
                aria-label={t('header.logout')}
                title={narrow ? t('header.logout') : undefined}
                data-testid="logout"
                onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })}
              >
                {narrow ? null : t('header.logout')}
              </Button>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <MustChangePasswordBanner />
          {/* The server allows nothing but auth.* until an initial or reset password is changed: go straight to the form. */}
          {me.mustChangePassword && pathname !== '/password' ? <Navigate to="/password" replace /> : <Outlet />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
