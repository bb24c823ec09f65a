import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Occupation } from '@skillcert/shared/api/occupations';
import { Button, Card, Flex, Input, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { OccupationTree } from '@/features/occupations/components/occupation-tree';
import { useTranslation } from 'react-i18next';
import { LevelTag } from '@/components/level-tag';
import { PageHeader } from '@/components/page-header';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useOccupations } from '@/features/occupations/api/get-occupations';
import { OCCUPATION_TEMPLATE_URL } from '@/features/occupations/api/import-occupations';
import { OccupationFormDrawer } from '@/features/occupations/components/occupation-form-drawer';
import { OccupationImportModal } from '@/features/occupations/components/occupation-import-modal';
import { can } from '@/lib/authorization';
import { useListParams } from '@/lib/search-params';
import { useTablePagination } from '@/lib/table-pagination';

const FILTER_KEYS = ['q', 'standard', 'skill', 'group'] as const;

type DrawerState = { mode: 'create' } | { mode: 'edit'; occupation: Occupation } | null;

/**
 * 职业目录: the whole 2022 大典 — browse 大类 → 中类 → 小类 on the left, search by code, name, pinyin initials or 工种,
 * filter to skill occupations; each with its markings, levels, national standard (or "需备案评价规范", R5) and 工种.
 */
export function OccupationsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { values, page, pageSize, setFilters, setPage } = useListParams(FILTER_KEYS);
  const hasStandard = values.standard === 'yes' ? true : values.standard === 'no' ? false : undefined;
  const skill = values.skill === 'yes' ? true : values.skill === 'no' ? false : undefined;
  const list = useOccupations({ q: values.q, hasStandard, skill, group: values.group, page, pageSize });
  const pagination = useTablePagination(page, pageSize, list.data?.total, setPage);
  const [search, setSearch] = useState(values.q ?? '');
  const [drawer, setDrawer] = useState<DrawerState>(null);
  const [importing, setImporting] = useState(false);
  const manage = can(me, 'occupation.manage');

  const columns: TableColumnsType<Occupation> = [
    { key: 'code', title: t('occupations.fields.code'), width: 120, render: (_, o) => <Typography.Text code>{o.code}</Typography.Text> },
    {
      key: 'name',
      title: t('occupations.fields.name'),
      width: 240,
      render: (_, o) => (
        <Space orientation="vertical" size={0}>
          <Space size={4} wrap>
            <span data-testid="occupation-row-name">{o.name}</span>
            {o.markings.map((m) => (
              <Tag key={m} color={m === 'L' ? 'green' : 'blue'} title={t(`occupations.markings.${m}`)} data-testid={`occupation-marking-${m}`}>
                {m}
              </Tag>
            ))}
            {o.skill ? null : <Tag>{t('occupations.nonSkillTag')}</Tag>}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.hierarchy.minor ? o.hierarchy.minor.name : t('occupations.noGroup')} · {o.initials}
          </Typography.Text>
          {o.nameEn ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.nameEn}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      key: 'levels',
      title: t('occupations.fields.levels'),
      width: 230,
      render: (_, o) => (
        <Flex gap={2} wrap>
          {o.levels.map((l) => (
            <LevelTag key={l} level={l} short />
          ))}
          {o.levelsVerified ? null : (
            <Tag bordered={false} title={t('occupations.levelsUnverifiedHint')} data-testid="occupation-levels-unverified">
              {t('occupations.levelsUnverified')}
            </Tag>
          )}
        </Flex>
      ),
    },
    {
      key: 'standard',
      title: t('occupations.fields.standard'),
      width: 220,
      render: (_, o) =>
        o.standardYear !== null ? (
          <Space size={4} wrap>
            <Tag color="green">{t('occupations.standardYear', { year: o.standardYear })}</Tag>
            {o.standardCode ? <Typography.Text type="secondary">{o.standardCode}</Typography.Text> : null}
          </Space>
        ) : (
          <Space size={4} wrap>
            <Tag color="orange" data-testid="occupation-no-standard">
              {t('occupations.noStandard')}
            </Tag>
            {o.standardStatus === 'unknown' ? <Typography.Text type="secondary">{t('occupations.standardUnknown')}</Typography.Text> : null}
          </Space>
        ),
    },
    {
      key: 'workTypes',
      title: t('occupations.fields.workTypes'),
      width: 280,
      render: (_, o) =>
        o.workTypes.length ? (
          <Flex gap={2} wrap>
            {o.workTypes.map((w) => (
              <Tag key={w}>{w}</Tag>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
  ];
  if (manage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      fixed: 'end',
      render: (_, o) => (
        <Button type="link" size="small" onClick={() => setDrawer({ mode: 'edit', occupation: o })} data-testid="occupation-edit">
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('occupations.title')}
        subtitle={t('occupations.subtitle')}
        extra={
          manage ? (
            <>
              <a href={OCCUPATION_TEMPLATE_URL} download data-testid="occupation-template">
                <Button icon={<DownloadOutlined />}>{t('occupations.template')}</Button>
              </a>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="occupation-import">
                {t('occupations.import')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })} data-testid="occupation-create">
                {t('occupations.create')}
              </Button>
            </>
          ) : null
        }
      />
      <Flex gap={16} align="start" wrap>
        <Card title={t('occupations.hierarchy')} size="small" style={{ width: 340, flex: '0 0 340px' }} styles={{ body: { maxHeight: 640, overflow: 'auto' } }}>
          <OccupationTree selected={values.group} onSelect={(group) => setFilters({ group })} />
        </Card>
        <Card style={{ flex: '1 1 640px', minWidth: 0 }}>
          <Flex wrap gap={12} style={{ marginBottom: 16 }}>
            <Input.Search
              allowClear
              style={{ width: 280 }}
              placeholder={t('occupations.search')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onSearch={(q) => setFilters({ q: q.trim() || undefined })}
              data-testid="occupations-search"
            />
            <Select<'yes' | 'no'>
              allowClear
              style={{ width: 200 }}
              placeholder={t('occupations.filterStandard')}
              value={values.standard === 'yes' || values.standard === 'no' ? values.standard : undefined}
              onChange={(v) => setFilters({ standard: v })}
              options={[
                { value: 'yes', label: t('occupations.withStandard') },
                { value: 'no', label: t('occupations.withoutStandard') },
              ]}
              data-testid="occupations-filter-standard"
            />
            <Select<'yes' | 'no'>
              allowClear
              style={{ width: 200 }}
              placeholder={t('occupations.filterSkill')}
              value={values.skill === 'yes' || values.skill === 'no' ? values.skill : undefined}
              onChange={(v) => setFilters({ skill: v })}
              options={[
                { value: 'yes', label: t('occupations.skillOnly') },
                { value: 'no', label: t('occupations.nonSkill') },
              ]}
              data-testid="occupations-filter-skill"
            />
            {values.group ? (
              <Tag closable onClose={() => setFilters({ group: undefined })} data-testid="occupations-group-tag">
                {t('occupations.inGroup', { code: values.group })}
              </Tag>
            ) : null}
          </Flex>
          <Table<Occupation>
            rowKey="code"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 1300 }}
            pagination={pagination}
            data-testid="occupations-table"
          />
        </Card>
      </Flex>
      <OccupationFormDrawer open={drawer !== null} occupation={drawer?.mode === 'edit' ? drawer.occupation : undefined} onClose={() => setDrawer(null)} />
      <OccupationImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
