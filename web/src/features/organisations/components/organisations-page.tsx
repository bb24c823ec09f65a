import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Organisation } from '@skillcert/shared/api/organisations';
import { ORG_KINDS, type OrgKind } from '@skillcert/shared/domain';
import { Button, Card, Flex, Input, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ActiveTag } from '@/components/active-tag';
import { OrgKindTag } from '@/components/org-kind-tag';
import { PageHeader } from '@/components/page-header';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useOrganisations } from '@/features/organisations/api/get-organisations';
import { OrganisationFormDrawer } from '@/features/organisations/components/organisation-form-drawer';
import { RegionCascader } from '@/features/regions/components/region-cascader';
import { can, mayEditOrganisation } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useListParams } from '@/lib/search-params';
import { useTablePagination } from '@/lib/table-pagination';

const FILTER_KEYS = ['kind', 'region', 'q'] as const;

function asKind(v: string | undefined): OrgKind | undefined {
  return (ORG_KINDS as readonly string[]).includes(v ?? '') ? (v as OrgKind) : undefined;
}

type DrawerState = { mode: 'create' } | { mode: 'edit'; organisation: Organisation } | null;

export function OrganisationsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { values, page, pageSize, setFilters, setPage, reset } = useListParams(FILTER_KEYS);
  const kind = asKind(values.kind);
  const list = useOrganisations({ kind, region: values.region, q: values.q, page, pageSize });
  const pagination = useTablePagination(page, pageSize, list.data?.total, setPage);
  const [drawer, setDrawer] = useState<DrawerState>(null);
  const [search, setSearch] = useState(values.q ?? '');

  const columns: TableColumnsType<Organisation> = [
    {
      key: 'name',
      title: t('organisations.fields.name'),
      width: 240,
      render: (_, org) => (
        <Link to={`/organisations/${org.id}`} data-testid="organisation-link">
          {org.name}
        </Link>
      ),
    },
    { key: 'kind', title: t('organisations.fields.kind'), width: 140, render: (_, org) => <OrgKindTag kind={org.kind} /> },
    {
      key: 'region',
      title: t('organisations.fields.region'),
      width: 150,
      render: (_, org) => (
        <Space orientation="vertical" size={0}>
          <span>{org.regionName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {org.regionCode}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'creditCode',
      title: t('organisations.fields.creditCode'),
      width: 220,
      render: (_, org) =>
        org.creditCode ? (
          <Space size={4} wrap>
            <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
              {org.creditCode}
            </Typography.Text>
            {org.creditCodeOverride ? <Tag color="warning">{t('organisations.creditCodeOverridden')}</Tag> : null}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
    {
      key: 'schoolType',
      title: t('organisations.fields.schoolType'),
      width: 180,
      render: (_, org) =>
        org.schoolType ? (
          <Space size={4} wrap>
            <span>{t(`schoolTypes.${org.schoolType}`)}</span>
            {org.runsThroughPrograms ? <Tag color="blue">{t('organisations.throughTag')}</Tag> : null}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
    { key: 'status', title: t('organisations.fields.status'), width: 80, render: (_, org) => <ActiveTag active={org.active} /> },
    { key: 'updatedAt', title: t('organisations.fields.updatedAt'), width: 170, render: (_, org) => formatDateTime(org.updatedAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 130,
      fixed: 'end',
      render: (_, org) => (
        <Space size={0}>
          <Link to={`/organisations/${org.id}`}>
            <Button type="link" size="small">
              {t('common.view')}
            </Button>
          </Link>
          {mayEditOrganisation(me, org) ? (
            <Button type="link" size="small" onClick={() => setDrawer({ mode: 'edit', organisation: org })} data-testid="organisation-edit">
              {t('common.edit')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('organisations.title')}
        subtitle={t('organisations.subtitle')}
        extra={
          can(me, 'org.create') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })} data-testid="organisation-create">
              {t('organisations.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Select<OrgKind>
            allowClear
            style={{ width: 160 }}
            placeholder={t('organisations.filters.kind')}
            value={kind}
            onChange={(v) => setFilters({ kind: v })}
            options={ORG_KINDS.map((k) => ({ value: k, label: t(`orgKinds.${k}`) }))}
            data-testid="filter-kind"
          />
          <RegionCascader
            style={{ width: 280 }}
            value={values.region}
            onChange={(code) => setFilters({ region: code })}
            placeholder={t('organisations.filters.region')}
            data-testid="filter-region"
          />
          <Input.Search
            allowClear
            style={{ width: 260 }}
            placeholder={t('organisations.filters.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(q) => setFilters({ q: q.trim() || undefined })}
            data-testid="filter-search"
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setSearch('');
              reset();
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
        <Table<Organisation>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1300 }}
          pagination={pagination}
          data-testid="organisations-table"
        />
      </Card>
      <OrganisationFormDrawer
        open={drawer !== null}
        organisation={drawer?.mode === 'edit' ? drawer.organisation : undefined}
        defaultRegion={me.role === 'admin' ? undefined : me.organisation.regionCode}
        onClose={() => setDrawer(null)}
      />
    </>
  );
}
