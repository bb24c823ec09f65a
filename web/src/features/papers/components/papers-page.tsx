import { AppstoreAddOutlined, ImportOutlined } from '@ant-design/icons';
import type { Paper } from '@skillcert/shared/api/banks';
import { Button, Card, Flex, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DownloadButton } from '@/components/download-button';
import { LevelTag } from '@/components/level-tag';
import { PageHeader } from '@/components/page-header';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useBlueprints } from '@/features/blueprints/api/get-blueprints';
import { BlueprintSelect } from '@/features/blueprints/components/blueprint-select';
import { usePapers } from '@/features/papers/api/get-papers';
import { AssemblyModal } from '@/features/papers/components/assembly-modal';
import { paperQtiPath } from '@/features/qti/api/import-qti';
import { QtiImportModal } from '@/features/qti/components/qti-import-modal';
import { can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useListParams } from '@/lib/search-params';
import { useTablePagination } from '@/lib/table-pagination';

const FILTER_KEYS = ['blueprintId'] as const;

/** 试卷: papers assembled to a blueprint (or imported from QTI), newest first. */
export function PapersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { values, page, pageSize, setFilters, setPage } = useListParams(FILTER_KEYS);
  const list = usePapers({ blueprintId: values.blueprintId, page, pageSize });
  const pagination = useTablePagination(page, pageSize, list.data?.total, setPage);
  const blueprints = useBlueprints();
  const schoolOf = (p: Paper) => blueprints.data?.find((b) => b.id === p.blueprintId)?.orgName ?? t('common.none');
  const [assembling, setAssembling] = useState(false);
  const [importing, setImporting] = useState(false);
  const manage = can(me, 'bank.manage') && me.organisation.kind === 'school';

  const columns: TableColumnsType<Paper> = [
    {
      key: 'name',
      title: t('papers.fields.name'),
      width: 260,
      render: (_, p) => (
        <Space size={6}>
          <Link to={`/papers/${p.id}`} data-testid="paper-link">
            {p.name}
          </Link>
          <Tag color="blue" data-testid="paper-row-variant">
            {t('papers.variantLabel', { variant: p.variant })}
          </Tag>
        </Space>
      ),
    },
    {
      key: 'occupation',
      title: t('papers.fields.occupation'),
      width: 200,
      render: (_, p) => (
        <Space size={4}>
          <span>{p.occupationName}</span>
          <LevelTag level={p.level} short />
        </Space>
      ),
    },
    ...(me.organisation.kind === 'school'
      ? []
      : [{ key: 'school', title: t('blueprints.fields.school'), width: 200, render: (_: unknown, p: Paper) => schoolOf(p) }]),
    { key: 'part', title: t('papers.fields.part'), width: 110, render: (_, p) => t(`blueprintParts.${p.part}`) },
    { key: 'itemCount', title: t('papers.fields.itemCount'), width: 80, render: (_, p) => p.itemCount },
    { key: 'totalScore', title: t('papers.fields.totalScore'), width: 80, render: (_, p) => p.totalScore },
    { key: 'meanDifficulty', title: t('papers.fields.meanDifficulty'), width: 100, render: (_, p) => p.meanDifficulty },
    {
      key: 'source',
      title: t('papers.fields.source'),
      width: 110,
      render: (_, p) => (
        <Space size={4}>
          <Tag>{t(`paperSources.${p.source}`)}</Tag>
          {p.warnings.length ? <Tag color="warning">{t('papers.warningCount', { count: p.warnings.length })}</Tag> : null}
        </Space>
      ),
    },
    { key: 'createdAt', title: t('papers.fields.createdAt'), width: 170, render: (_, p) => formatDateTime(p.createdAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 190,
      fixed: 'end',
      render: (_, p) => (
        <Space size={0}>
          <Link to={`/papers/${p.id}`}>
            <Button type="link" size="small">
              {t('common.view')}
            </Button>
          </Link>
          {manage && p.orgId === me.organisation.id ? (
            <DownloadButton type="link" size="small" path={paperQtiPath(p.id)} fallbackName={`${p.name}-${p.variant}.zip`} data-testid="paper-row-qti">
              {t('papers.qti')}
            </DownloadButton>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('papers.title')}
        subtitle={t('papers.subtitle')}
        extra={
          manage ? (
            <>
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="papers-qti-import">
                {t('bank.qtiImport')}
              </Button>
              <Button type="primary" icon={<AppstoreAddOutlined />} onClick={() => setAssembling(true)} data-testid="papers-assemble">
                {t('assembly.open')}
              </Button>
            </>
          ) : null
        }
      />
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <BlueprintSelect
            allowClear
            style={{ width: 320 }}
            placeholder={t('bank.filters.blueprint')}
            value={values.blueprintId}
            onChange={(id) => setFilters({ blueprintId: id })}
            data-testid="papers-filter-blueprint"
          />
        </Flex>
        <Table<Paper>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1400 }}
          pagination={pagination}
          locale={{ emptyText: <Typography.Text type="secondary">{t('papers.empty')}</Typography.Text> }}
          data-testid="papers-table"
        />
      </Card>
      {manage ? <AssemblyModal open={assembling} onClose={() => setAssembling(false)} /> : null}
      {manage ? <QtiImportModal open={importing} onClose={() => setImporting(false)} /> : null}
    </>
  );
}
