import { Card, Empty, Flex, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { useComparePolicies } from '@/features/policies/api/compare-policies';
import { type PolicySummary, usePolicies } from '@/features/policies/api/get-policies';
import { PolicyValue, policyFieldLabel } from '@/features/policies/components/policy-value';
import { ProvinceName } from '@/features/policies/components/province-name';
import { currentLanguage } from '@/lib/i18n';

function profileName(p: PolicySummary): string {
  return currentLanguage() === 'en-US' ? p.nameEn : p.name;
}

/** 政策配置: every profile, and what differs between two of them. */
export function PoliciesPage() {
  const { t } = useTranslation();
  const list = usePolicies();
  const profiles = list.data ?? [];
  const [a, setA] = useState<string | undefined>();
  const [b, setB] = useState<string | undefined>();
  const compareA = a ?? profiles.find((p) => p.province === '31')?.id;
  const compareB = b ?? profiles.find((p) => p.province === '35')?.id;
  const comparison = useComparePolicies(compareA, compareB);

  const columns: TableColumnsType<PolicySummary> = [
    {
      key: 'name',
      title: t('policies.fields.name'),
      render: (_, p) => (
        <Link to={`/policies/${p.id}`} data-testid="policy-link">
          {profileName(p)}
        </Link>
      ),
    },
    { key: 'province', title: t('policies.fields.province'), width: 160, render: (_, p) => <ProvinceName province={p.province} /> },
    { key: 'version', title: t('policies.fields.version'), width: 100, render: (_, p) => p.version },
    { key: 'effectiveFrom', title: t('policies.fields.effectiveFrom'), width: 140, render: (_, p) => p.effectiveFrom },
  ];

  const options = profiles.map((p) => ({ value: p.id, label: profileName(p) }));
  const nameOf = (id: string | undefined) => profiles.find((p) => p.id === id);

  return (
    <>
      <PageHeader title={t('policies.title')} subtitle={t('policies.subtitle')} />
      <Flex vertical gap={16}>
        <Card>
          <Table<PolicySummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={profiles}
            loading={list.isFetching}
            pagination={false}
            data-testid="policies-table"
          />
        </Card>
        <Card title={t('policies.compare')} data-testid="policy-compare">
          <Flex gap={12} wrap style={{ marginBottom: 16 }}>
            <Select<string>
              style={{ width: 240 }}
              placeholder={t('policies.compareA')}
              value={compareA}
              onChange={setA}
              options={options}
              data-testid="policy-compare-a"
            />
            <Select<string>
              style={{ width: 240 }}
              placeholder={t('policies.compareB')}
              value={compareB}
              onChange={setB}
              options={options}
              data-testid="policy-compare-b"
            />
          </Flex>
          {!compareA || !compareB ? (
            <Empty description={t('policies.pickTwo')} />
          ) : (
            <Table
              rowKey="field"
              size="small"
              pagination={false}
              loading={comparison.isFetching}
              dataSource={comparison.data?.differences ?? []}
              locale={{ emptyText: t('policies.noDifferences') }}
              data-testid="policy-differences"
              columns={[
                {
                  key: 'field',
                  title: t('policies.fields.field'),
                  width: 220,
                  render: (_, d) => <Typography.Text strong>{policyFieldLabel(d.field, t)}</Typography.Text>,
                },
                {
                  key: 'a',
                  title: nameOf(compareA) ? profileName(nameOf(compareA) as PolicySummary) : t('policies.compareA'),
                  render: (_, d) => <PolicyValue field={d.field} value={d.a} />,
                },
                {
                  key: 'b',
                  title: nameOf(compareB) ? profileName(nameOf(compareB) as PolicySummary) : t('policies.compareB'),
                  render: (_, d) => <PolicyValue field={d.field} value={d.b} />,
                },
              ]}
            />
          )}
        </Card>
      </Flex>
    </>
  );
}
