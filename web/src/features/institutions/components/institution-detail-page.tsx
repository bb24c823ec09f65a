import { ArrowLeftOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import type { Institution } from '@skillcert/shared/api/institutions';
import { Alert, Button, Card, Descriptions, Flex, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { LoadErrorResult } from '@/components/status-result';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { EligibilityTable } from '@/features/filings/components/eligibility-table';
import { useExpansionEligibility } from '@/features/institutions/api/get-expansion-eligibility';
import { useInstitution } from '@/features/institutions/api/get-institution';
import { InstitutionScopeTable } from '@/features/institutions/components/institution-scope';
import { InstitutionStatusTag } from '@/features/institutions/components/institution-status-tag';
import { PriorVolumeModal } from '@/features/institutions/components/prior-volume-modal';
import { ViolationModal } from '@/features/institutions/components/violation-modal';
import { PolicyLink } from '@/features/policies/components/policy-link';
import { can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';

const SEVERITY_COLORS: Record<string, string> = { minor: 'gold', serious: 'orange', grave: 'red' };

export function InstitutionDetailPage() {
  const { id } = useParams<{ id: string }>();
  const inst = useInstitution(id);
  if (inst.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (inst.isError) return <LoadErrorResult error={inst.error} onRetry={() => void inst.refetch()} />;
  return <InstitutionView inst={inst.data} />;
}

function InstitutionView({ inst: i }: { inst: Institution }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const expansion = useExpansionEligibility(i.id);
  const [modal, setModal] = useState<'violation' | 'prior' | null>(null);
  const own = me.organisation.id === i.orgId;
  const mayExpand = own && can(me, 'filing.apply') && i.status === 'listed';
  const maySanction = can(me, 'institution.sanction');

  return (
    <>
      <PageHeader
        title={
          <Space size={8} wrap>
            <span data-testid="institution-title">{i.name}</span>
            <InstitutionStatusTag status={i.status} />
          </Space>
        }
        subtitle={t(`filingKinds.${i.kind}`)}
        extra={
          <>
            <Link to="/institutions">
              <Button icon={<ArrowLeftOutlined />}>{t('institutions.backToList')}</Button>
            </Link>
            {can(me, 'filing.read') ? (
              <Link to={`/filings?tab=all&orgId=${i.orgId}`}>
                <Button data-testid="institution-filings">{t('institutions.filings')}</Button>
              </Link>
            ) : null}
            {maySanction ? (
              <>
                <Button onClick={() => setModal('prior')} data-testid="institution-prior-volume">
                  {t('institutions.priorVolume.set')}
                </Button>
                <Button danger icon={<WarningOutlined />} onClick={() => setModal('violation')} data-testid="institution-record-violation">
                  {t('institutions.violations.record')}
                </Button>
              </>
            ) : null}
            {mayExpand ? (
              <Link to={`/filings/new?institution=${i.id}`}>
                <Button type="primary" icon={<PlusOutlined />} data-testid="institution-expand">
                  {t('institutions.expand')}
                </Button>
              </Link>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card title={t('institutions.detailTitle')}>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            data-testid="institution-descriptions"
            items={[
              { key: 'name', label: t('institutions.fields.name'), children: i.name },
              { key: 'kind', label: t('institutions.fields.kind'), children: t(`filingKinds.${i.kind}`) },
              { key: 'region', label: t('institutions.fields.region'), children: t('regions.withCode', { name: i.regionName, code: i.regionCode }) },
              { key: 'status', label: t('institutions.fields.status'), children: <InstitutionStatusTag status={i.status} /> },
              { key: 'code', label: t('institutions.fields.code'), children: <Typography.Text code>{i.code}</Typography.Text> },
              {
                key: 'prefix',
                label: t('institutions.fields.certificatePrefix'),
                children: (
                  <Typography.Text code copyable data-testid="institution-prefix">
                    {i.certificatePrefix}
                  </Typography.Text>
                ),
              },
              { key: 'validity', label: t('institutions.fields.validity'), children: t('institutions.validity', { from: i.validFrom, to: i.validTo }) },
              { key: 'prior', label: t('institutions.fields.priorEvaluated'), children: t('eligibility.countPeople', { count: i.priorEvaluated }) },
              { key: 'profile', label: t('institutions.fields.profile'), children: <PolicyLink id={i.profileId} /> },
            ]}
          />
        </Card>
        <Card title={t('institutions.fields.scope')}>
          <InstitutionScopeTable scope={i.scope} />
        </Card>
        <Card title={t('institutions.expansion.title')} data-testid="institution-expansion-card">
          {expansion.data ? (
            <>
              <Alert
                type={expansion.data.eligible ? 'success' : 'warning'}
                showIcon
                title={expansion.data.eligible ? t('institutions.expansion.eligible') : t('institutions.expansion.notEligible')}
                style={{ marginBottom: 12 }}
                data-testid="institution-expansion-verdict"
              />
              <EligibilityTable checks={expansion.data.checks} profileId={i.profileId} data-testid="institution-expansion-eligibility" />
            </>
          ) : (
            <Skeleton active paragraph={{ rows: 3 }} />
          )}
        </Card>
        <Card title={t('institutions.violations.title')}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={i.violations}
            locale={{ emptyText: t('institutions.violations.empty') }}
            data-testid="institution-violations"
            columns={[
              { key: 'at', title: t('institutions.violations.at'), width: 180, render: (_, v) => formatDateTime(v.at) },
              { key: 'type', title: t('institutions.violations.type'), width: 180, render: (_, v) => v.type },
              {
                key: 'severity',
                title: t('institutions.violations.severity'),
                width: 100,
                render: (_, v) => (
                  <Tag color={SEVERITY_COLORS[v.severity] ?? 'default'}>
                    {v.severity === 'minor' || v.severity === 'serious' || v.severity === 'grave' ? t(`severities.${v.severity}`) : v.severity}
                  </Tag>
                ),
              },
              { key: 'description', title: t('institutions.violations.description'), render: (_, v) => v.description },
            ]}
          />
        </Card>
      </Flex>
      <ViolationModal institutionId={i.id} open={modal === 'violation'} onClose={() => setModal(null)} />
      <PriorVolumeModal institutionId={i.id} current={i.priorEvaluated} open={modal === 'prior'} onClose={() => setModal(null)} />
    </>
  );
}
