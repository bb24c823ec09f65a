import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { User } from '@skillcert/shared/api/users';
import { ROLES, type Role } from '@skillcert/shared/domain';
import { Button, Card, Flex, Input, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ActiveTag } from '@/components/active-tag';
import { PageHeader } from '@/components/page-header';
import { RoleTag } from '@/components/role-tag';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { OrganisationSelect } from '@/features/organisations/components/organisation-select';
import { useUsers } from '@/features/users/api/get-users';
import { CreateUserDrawer } from '@/features/users/components/create-user-drawer';
import { EditUserDrawer } from '@/features/users/components/edit-user-drawer';
import { ResetPasswordModal } from '@/features/users/components/reset-password-modal';
import { can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useListParams } from '@/lib/search-params';
import { useTablePagination } from '@/lib/table-pagination';

const FILTER_KEYS = ['orgId', 'role', 'q'] as const;

function asRole(v: string | undefined): Role | undefined {
  return (ROLES as readonly string[]).includes(v ?? '') ? (v as Role) : undefined;
}

export function UsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { values, page, pageSize, setFilters, setPage, reset } = useListParams(FILTER_KEYS);
  const role = asRole(values.role);
  const list = useUsers({ orgId: values.orgId, role, q: values.q, page, pageSize });
  const pagination = useTablePagination(page, pageSize, list.data?.total, setPage);
  const [search, setSearch] = useState(values.q ?? '');
  const [creating, setCreating] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const inSchool = me.organisation.kind === 'school';
  const mayUpdate = can(me, 'user.update');

  const columns: TableColumnsType<User> = [
    { key: 'username', title: t('users.fields.username'), width: 160, render: (_, u) => <span data-testid="user-row-username">{u.username}</span> },
    { key: 'displayName', title: t('users.fields.displayName'), width: 200, render: (_, u) => u.displayName },
    { key: 'role', title: t('users.fields.role'), width: 170, render: (_, u) => <RoleTag role={u.role} /> },
    {
      key: 'org',
      title: t('users.fields.organisation'),
      width: 260,
      render: (_, u) => (can(me, 'org.read') ? <Link to={`/organisations/${u.orgId}`}>{u.orgName}</Link> : u.orgName),
    },
    {
      key: 'status',
      title: t('users.fields.status'),
      width: 170,
      render: (_, u) => (
        <Space size={4} wrap>
          <ActiveTag active={u.active} />
          {u.mustChangePassword ? <Tag color="warning">{t('users.mustChangePassword')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'createdAt', title: t('users.fields.createdAt'), width: 180, render: (_, u) => formatDateTime(u.createdAt) },
  ];
  if (mayUpdate) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 170,
      fixed: 'end',
      render: (_, u) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditingId(u.id)} data-testid="user-edit">
            {t('common.edit')}
          </Button>
          {u.id !== me.id ? (
            <Button type="link" size="small" onClick={() => setResetting(u)} data-testid="user-reset-password">
              {t('users.resetPassword')}
            </Button>
          ) : null}
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={inSchool ? me.organisation.name : t('users.subtitle')}
        extra={
          can(me, 'user.create') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          {!inSchool && can(me, 'org.read') ? (
            <OrganisationSelect
              style={{ width: 280 }}
              value={values.orgId}
              onChange={(orgId) => setFilters({ orgId })}
              placeholder={t('users.filters.organisation')}
              data-testid="filter-org"
            />
          ) : null}
          <Select<Role>
            allowClear
            style={{ width: 170 }}
            placeholder={t('users.filters.role')}
            value={role}
            onChange={(v) => setFilters({ role: v })}
            options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            data-testid="filter-role"
          />
          <Input.Search
            allowClear
            style={{ width: 260 }}
            placeholder={t('users.filters.search')}
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
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1300 }}
          pagination={pagination}
          data-testid="users-table"
        />
      </Card>
      <CreateUserDrawer open={creating} defaultOrgId={values.orgId} onClose={() => setCreating(false)} />
      <EditUserDrawer userId={editingId} onClose={() => setEditingId(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
