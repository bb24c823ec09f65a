import { ArrowLeftOutlined } from '@ant-design/icons';
import type { PolicyProfile } from '@skillcert/shared/api/policies';
import { Button, Card, Descriptions, Flex, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { LoadErrorResult } from '@/components/status-result';
import { usePolicy } from '@/features/policies/api/get-policy';
import { PolicyValue, policyFieldLabel } from '@/features/policies/components/policy-value';
import { ProvinceName } from '@/features/policies/components/province-name';
import { currentLanguage } from '@/lib/i18n';

const META = new Set(['id', 'name', 'nameEn', 'province', 'version', 'effectiveFrom', 'seeds', 'clauses']);

interface FieldRow {
  field: string;
  value: unknown;
  default: boolean;
  source: string;
}

/** Every field `{value, default, source}` of a profile as a row. */
function fieldRows(p: PolicyProfile): FieldRow[] {
  return Object.entries(p)
    .filter(([k]) => !META.has(k))
    .flatMap(([field, v]) => {
      if (typeof v !== 'object' || v === null || !('value' in v)) return [];
      const sourced = v as { value: unknown; default?: boolean; source?: string };
      return [{ field, value: sourced.value, default: Boolean(sourced.default), source: sourced.source ?? '' }];
    });
}

/** One profile: each field in words, its value rendered readably, its source, and a 默认 tag where the seeds are silent. */
export function PolicyDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const policy = usePolicy(id);
  if (policy.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (policy.isError) return <LoadErrorResult error={policy.error} onRetry={() => void policy.refetch()} />;
  const p = policy.data;
  return (
    <>
      <PageHeader
        title={<span data-testid="policy-title">{currentLanguage() === 'en-US' ? p.nameEn : p.name}</span>}
        subtitle={p.id}
        extra={
          <Link to="/policies">
            <Button icon={<ArrowLeftOutlined />}>{t('policies.backToList')}</Button>
          </Link>
        }
      />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'province', label: t('policies.fields.province'), children: <ProvinceName province={p.province} /> },
              { key: 'version', label: t('policies.fields.version'), children: p.version },
              { key: 'effectiveFrom', label: t('policies.fields.effectiveFrom'), children: p.effectiveFrom },
              { key: 'seeds', label: t('policies.seeds'), children: p.seeds.length ? p.seeds.join(t('common.listSeparator')) : t('common.none') },
            ]}
          />
        </Card>
        <Card>
          <Table<FieldRow>
            rowKey="field"
            size="middle"
            pagination={false}
            dataSource={fieldRows(p)}
            data-testid="policy-fields-table"
            columns={[
              {
                key: 'field',
                title: t('policies.fields.field'),
                width: 260,
                render: (_, r) => (
                  <Flex gap={6} align="center" wrap>
                    <Typography.Text strong>{policyFieldLabel(r.field, t)}</Typography.Text>
                    {r.default ? (
                      <Tooltip title={t('policies.defaultHint')}>
                        <Tag color="gold" data-testid="policy-default-tag">
                          {t('policies.defaultTag')}
                        </Tag>
                      </Tooltip>
                    ) : null}
                  </Flex>
                ),
              },
              { key: 'value', title: t('policies.fields.value'), render: (_, r) => <PolicyValue field={r.field} value={r.value} /> },
              {
                key: 'source',
                title: t('policies.fields.source'),
                width: 360,
                render: (_, r) => (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.source}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </Card>
      </Flex>
    </>
  );
}
