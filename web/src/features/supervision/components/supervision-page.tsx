import '@/features/supervision/i18n';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { usePlan } from '@/features/plans/api/get-plan';
import { FlagsPanel } from '@/features/supervision/components/flags-panel';
import { LiveView } from '@/features/supervision/components/live-view';
import { ReportsPanel } from '@/features/supervision/components/reports-panel';
import { can } from '@/lib/authorization';

const TABS = ['live', 'reports', 'flags'] as const;
type Tab = (typeof TABS)[number];

/**
 * 质量督导 of one plan: the live view of its rooms (the assigned supervisors and HR), its inspection reports (filed by the
 * supervisors, read by the institution and HR) and its flags (resolved by the institution).
 */
export function SupervisionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const plan = usePlan(id);
  const [params, setParams] = useSearchParams();
  const watch = can(me, 'supervision.watch');
  const tabs = TABS.filter((k) => k !== 'live' || watch);
  const tab: Tab = tabs.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : (tabs[0] ?? 'reports');
  return (
    <>
      <PageHeader
        title={t('supervision.title')}
        subtitle={plan.data ? <span data-testid="supervision-plan-title">{plan.data.title}</span> : t('supervision.subtitle')}
        extra={
          <Link to={`/plans/${id}`}>
            <Button icon={<ArrowLeftOutlined />}>{t('supervision.backToPlan')}</Button>
          </Link>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={tabs.map((k) => ({
          key: k,
          label: <span data-testid={`supervision-tab-${k}`}>{t(`supervision.tabs.${k}`)}</span>,
          children:
            k === 'live' ? (
              <LiveView planId={id} mayFlag={can(me, 'supervision.inspect')} />
            ) : k === 'reports' ? (
              <ReportsPanel planId={id} mayFile={can(me, 'supervision.inspect')} />
            ) : (
              <FlagsPanel planId={id} mayResolve={can(me, 'supervision.resolve')} />
            ),
        }))}
        destroyOnHidden
      />
    </>
  );
}
