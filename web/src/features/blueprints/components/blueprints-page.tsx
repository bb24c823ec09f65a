import { AppstoreAddOutlined, PlusOutlined } from '@ant-design/icons';
import type { Blueprint } from '@skillcert/shared/api/banks';
import { SKILL_LEVELS, type SkillLevel } from '@skillcert/shared/domain';
import { Button, Card, Flex, Select, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DownloadButton } from '@/components/download-button';
import { LevelTag } from '@/components/level-tag';
import { PageHeader } from '@/components/page-header';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useBlueprints } from '@/features/blueprints/api/get-blueprints';
import { sumOf } from '@/features/blueprints/components/blueprint-areas-editor';
import { BlueprintBasisTag } from '@/features/blueprints/components/blueprint-basis-tag';
import { itemTotals, problemText } from '@/features/blueprints/components/blueprint-nodes';
import { OccupationSelect } from '@/features/occupations/components/occupation-select';
import { AssemblyModal } from '@/features/papers/components/assembly-modal';
import { blueprintQtiPath } from '@/features/qti/api/import-qti';
import { can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useListParams } from '@/lib/search-params';

const FILTER_KEYS = ['occupationCode', 'level'] as const;

function asLevel(v: string | undefined): SkillLevel | undefined {
  const n = Number(v);
  return (SKILL_LEVELS as readonly number[]).includes(n) ? (n as SkillLevel) : undefined;
}

function SumTag({ sum }: { sum: number }) {
  return <Tag color={sum === 100 ? 'success' : 'error'}>{sum}%</Tag>;
}

/** 鉴定要素细目表: the blueprints in my scope, their basis (R5), weight problems and item counts. */
export function BlueprintsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { values, page, pageSize, setFilters, setPage } = useListParams(FILTER_KEYS);
  const level = asLevel(values.level);
  const list = useBlueprints({ occupationCode: values.occupationCode, level });
  const [assembling, setAssembling] = useState<Blueprint | null>(null);
  const manage = can(me, 'bank.manage');
  const school = me.organisation.kind === 'school';

  const columns: TableColumnsType<Blueprint> = [
    {
      key: 'occupation',
      title: t('blueprints.fields.occupation'),
      width: 200,
      render: (_, b) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/blueprints/${b.id}`} data-testid="blueprint-link">
            {b.occupationName}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {b.occupationCode}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'level', title: t('blueprints.fields.level'), width: 120, render: (_, b) => <LevelTag level={b.level} /> },
    ...(school ? [] : [{ key: 'school', title: t('blueprints.fields.school'), width: 220, render: (_: unknown, b: Blueprint) => b.orgName }]),
    { key: 'basis', title: t('blueprints.fields.basis'), width: 200, render: (_, b) => <BlueprintBasisTag basis={b.basis} /> },
    {
      key: 'weights',
      title: `${t('blueprintParts.theory')} / ${t('blueprintParts.skills')}`,
      width: 150,
      render: (_, b) => (
        <Space size={4}>
          <SumTag sum={sumOf(b.theory)} />
          <SumTag sum={sumOf(b.skills)} />
        </Space>
      ),
    },
    {
      key: 'problems',
      title: t('blueprints.fields.problems'),
      width: 130,
      render: (_, b) =>
        b.problems.length ? (
          <Tooltip title={b.problems.map((p) => problemText(p, t)).join('；')}>
            <Tag color="warning" data-testid="blueprint-row-problems" data-count={b.problems.length}>
              {t('blueprints.problemCount', { count: b.problems.length })}
            </Tag>
          </Tooltip>
        ) : (
          <Tag color="success" data-testid="blueprint-row-problems" data-count={0}>
            {t('blueprints.whole')}
          </Tag>
        ),
    },
    {
      key: 'items',
      title: t('blueprints.fields.items'),
      width: 180,
      render: (_, b) => (
        <Link to={`/bank?blueprintId=${b.id}`} data-testid="blueprint-row-items">
          {t('blueprints.itemCount', itemTotals(b))}
        </Link>
      ),
    },
    { key: 'updatedAt', title: t('blueprints.fields.updatedAt'), width: 170, render: (_, b) => formatDateTime(b.updatedAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 260,
      fixed: 'end',
      render: (_, b) => {
        const mine = manage && b.orgId === me.organisation.id;
        return (
          <Space size={0} wrap>
            <Link to={`/blueprints/${b.id}`}>
              <Button type="link" size="small">
                {mine ? t('common.edit') : t('common.view')}
              </Button>
            </Link>
            {mine ? (
              <Button
                type="link"
                size="small"
                icon={<AppstoreAddOutlined />}
                disabled={b.problems.length > 0}
                onClick={() => setAssembling(b)}
                data-testid="blueprint-row-assemble"
              >
                {t('assembly.open')}
              </Button>
            ) : null}
            {mine ? (
              <DownloadButton type="link" size="small" path={blueprintQtiPath(b.id)} fallbackName="bank-qti.zip" data-testid="blueprint-row-qti">
                {t('bank.qtiExport')}
              </DownloadButton>
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t('blueprints.title')}
        subtitle={t('blueprints.subtitle')}
        extra={
          manage && school ? (
            <Link to="/blueprints/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="blueprint-new">
                {t('blueprints.new')}
              </Button>
            </Link>
          ) : null
        }
      />
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <OccupationSelect
            allowClear
            style={{ width: 280 }}
            placeholder={t('blueprints.fields.occupation')}
            value={values.occupationCode}
            onChange={(code) => setFilters({ occupationCode: code })}
            data-testid="blueprints-filter-occupation"
          />
          <Select<SkillLevel>
            allowClear
            style={{ width: 180 }}
            placeholder={t('blueprints.fields.level')}
            value={level}
            onChange={(v) => setFilters({ level: v ? String(v) : undefined })}
            options={SKILL_LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
            data-testid="blueprints-filter-level"
          />
        </Flex>
        <Table<Blueprint>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data ?? []}
          loading={list.isFetching}
          scroll={{ x: school ? 1300 : 1500 }}
          pagination={{
            current: page,
            pageSize,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { total: n }),
            onChange: setPage,
          }}
          locale={{ emptyText: t('blueprints.empty') }}
          data-testid="blueprints-table"
        />
      </Card>
      {assembling ? <AssemblyModal open blueprint={assembling} onClose={() => setAssembling(null)} /> : null}
    </>
  );
}
