import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { BureauReporting } from '@/features/reporting/components/bureau-reporting';
import { InstitutionReporting } from '@/features/reporting/components/institution-reporting';
import { can } from '@/lib/authorization';

/** 证书数据上报 (R10): the institution's reporting list, or the listing HR bureau's review and national upload. */
export function ReportingPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <>
      <Typography.Title level={3}>{t('reporting.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('reporting.intro')}</Typography.Paragraph>
      {can(me, 'report.submit') ? <InstitutionReporting /> : null}
      {can(me, 'report.review') ? <BureauReporting /> : null}
    </>
  );
}
