import { Card, Descriptions, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { OrgKindTag } from '@/components/org-kind-tag';
import { RoleTag } from '@/components/role-tag';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { BureauOverviewCard } from '@/features/home/components/bureau-overview-card';
import { TodoCard } from '@/features/home/components/todo-card';
import { useRegion } from '@/features/regions/api/get-region';
import { can } from '@/lib/authorization';

// A supervisor's to-dos load with their own chunk (and texts): the home page's first view stays within its budget.
const ReportingTodoCard = lazy(() => import('@/features/reporting/components/reporting-todo-card').then((m) => ({ default: m.ReportingTodoCard })));
const SupervisionTodoCard = lazy(() => import('@/features/supervision/components/supervision-todo-card').then((m) => ({ default: m.SupervisionTodoCard })));

export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const region = useRegion(me.organisation.regionCode);

  return (
    <>
      <Card data-testid="welcome-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t('home.roleSentence', { role: t(`roles.${me.role}`), organisation: me.organisation.name })}
        </Typography.Paragraph>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          bordered
          size="small"
          items={[
            { key: 'role', label: t('home.role'), children: <RoleTag role={me.role} /> },
            { key: 'username', label: t('home.username'), children: me.username },
            { key: 'organisation', label: t('home.organisation'), children: me.organisation.name },
            { key: 'kind', label: t('home.orgKind'), children: <OrgKindTag kind={me.organisation.kind} /> },
            {
              key: 'region',
              label: t('home.region'),
              children: region.data ? t('regions.withCode', { name: region.data.fullName, code: region.data.code }) : me.organisation.regionCode,
            },
          ]}
        />
      </Card>
      <TodoCard />
      {can(me, 'supervision.inspect') ? (
        <Suspense fallback={null}>
          <SupervisionTodoCard />
        </Suspense>
      ) : null}
      {can(me, 'report.submit') || can(me, 'report.review') ? (
        <Suspense fallback={null}>
          <ReportingTodoCard />
        </Suspense>
      ) : null}
      {me.organisation.kind === 'hr_bureau' || me.organisation.kind === 'edu_bureau' ? <BureauOverviewCard /> : null}
    </>
  );
}
