import type { FilingStatus } from '@skillcert/shared/api/filings';
import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFilings } from '@/features/filings/api/get-filings';
import { useInstitutions } from '@/features/institutions/api/get-institutions';

/** The open steps of a 备案 application a bureau follows. */
const OPEN: FilingStatus[] = ['submitted', 'edu_reviewed', 'tech_assessment', 'reported', 'returned'];
const EXPIRING_DAYS = 90;

function FilingCount({ status }: { status: FilingStatus }) {
  const { t } = useTranslation();
  const list = useFilings({ status, page: 1, pageSize: 1 });
  return (
    <Col xs={12} md={8} xl={4}>
      <Link to={`/filings?tab=all&status=${status}`} data-testid={`home-filings-${status}`}>
        <Card size="small" hoverable>
          <Statistic title={t(`filingStatus.${status}`)} value={list.data?.total ?? 0} loading={list.isPending} />
        </Card>
      </Link>
    </Col>
  );
}

/**
 * HR and education bureaus: filings in their region by status, listed institutions and those whose listing ends within
 * 90 days — each a link to the list behind it.
 */
export function BureauOverviewCard() {
  const { t } = useTranslation();
  // The region's catalog is small (tens of institutions); one page holds it for the counts.
  const institutions = useInstitutions({ page: 1, pageSize: 200 });
  const items = institutions.data?.items ?? [];
  const soon = new Date(Date.now() + EXPIRING_DAYS * 86_400_000).toISOString().slice(0, 10);
  const listed = items.filter((i) => i.status === 'listed');
  const expiring = listed.filter((i) => i.validTo <= soon).length;
  return (
    <Card title={t('usability.overviewTitle')} style={{ marginTop: 16 }} data-testid="bureau-overview">
      <Row gutter={[16, 16]}>
        {OPEN.map((s) => (
          <FilingCount key={s} status={s} />
        ))}
        <Col xs={12} md={8} xl={4}>
          <Link to="/institutions" data-testid="home-institutions-listed">
            <Card size="small" hoverable>
              <Statistic title={t('usability.listedInstitutions')} value={listed.length} loading={institutions.isPending} />
            </Card>
          </Link>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Link to="/institutions" data-testid="home-institutions-expiring">
            <Card size="small" hoverable>
              <Statistic
                title={t('usability.expiringInstitutions', { days: EXPIRING_DAYS })}
                value={expiring}
                loading={institutions.isPending}
                styles={{ content: { color: expiring ? '#d46b08' : undefined } }}
              />
            </Card>
          </Link>
        </Col>
      </Row>
    </Card>
  );
}
