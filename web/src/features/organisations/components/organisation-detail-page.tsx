import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ActiveTag } from '@/components/active-tag';
import { OrgKindTag } from '@/components/org-kind-tag';
import { PageHeader } from '@/components/page-header';
import { LoadErrorResult } from '@/components/status-result';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useOrganisation } from '@/features/organisations/api/get-organisation';
import { MajorsCard } from '@/features/organisations/components/majors-card';
import { OrganisationFormDrawer } from '@/features/organisations/components/organisation-form-drawer';
import { can, mayEditMajors, mayEditOrganisation } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';

export function OrganisationDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const me = useCurrentUser();
  const org = useOrganisation(id);
  const [editing, setEditing] = useState(false);
  const isOwn = id === me.organisation.id;
  const showBack = can(me, 'org.read') && me.organisation.kind !== 'school';

  if (org.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (org.isError) return <LoadErrorResult error={org.error} onRetry={() => void org.refetch()} />;
  const o = org.data;
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;

  return (
    <>
      <PageHeader
        title={
          <Space size={8} wrap>
            <span data-testid="organisation-title">{o.name}</span>
            <OrgKindTag kind={o.kind} />
            <ActiveTag active={o.active} />
          </Space>
        }
        subtitle={isOwn && o.kind === 'school' ? t('organisations.mySchoolSubtitle') : undefined}
        extra={
          <>
            {showBack ? (
              <Link to="/organisations">
                <Button icon={<ArrowLeftOutlined />}>{t('organisations.backToList')}</Button>
              </Link>
            ) : null}
            {mayEditOrganisation(me, o) ? (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="organisation-edit">
                {t('common.edit')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card title={t('organisations.detailTitle')}>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            data-testid="organisation-descriptions"
            items={[
              { key: 'name', label: t('organisations.fields.name'), children: o.name },
              { key: 'kind', label: t('organisations.fields.kind'), children: <OrgKindTag kind={o.kind} /> },
              {
                key: 'region',
                label: t('organisations.fields.region'),
                children: t('regions.withCode', { name: o.regionName, code: o.regionCode }),
              },
              {
                key: 'creditCode',
                label: t('organisations.fields.creditCode'),
                children: o.creditCode ? (
                  <Space size={4} wrap>
                    <Typography.Text code copyable>
                      {o.creditCode}
                    </Typography.Text>
                    {o.creditCodeOverride ? <Tag color="warning">{t('organisations.creditCodeOverridden')}</Tag> : null}
                  </Space>
                ) : (
                  none
                ),
              },
              ...(o.kind === 'school'
                ? [
                    {
                      key: 'schoolType',
                      label: t('organisations.fields.schoolType'),
                      children: o.schoolType ? t(`schoolTypes.${o.schoolType}`) : none,
                    },
                    {
                      key: 'through',
                      label: t('organisations.fields.runsThroughPrograms'),
                      children: o.runsThroughPrograms ? <Tag color="blue">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>,
                    },
                  ]
                : []),
              { key: 'status', label: t('organisations.fields.status'), children: <ActiveTag active={o.active} /> },
              { key: 'createdAt', label: t('organisations.fields.createdAt'), children: formatDateTime(o.createdAt) },
              { key: 'updatedAt', label: t('organisations.fields.updatedAt'), children: formatDateTime(o.updatedAt) },
            ]}
          />
        </Card>
        {o.kind === 'school' ? <MajorsCard orgId={o.id} majors={o.majors} editable={mayEditMajors(me, o)} /> : null}
      </Flex>
      <OrganisationFormDrawer open={editing} organisation={o} onClose={() => setEditing(false)} />
    </>
  );
}
