import type { PublicInstitution } from '@skillcert/shared/api/institutions';
import { Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LevelTag } from '@/components/level-tag';
import { scopeLineText } from '@/features/filings/components/scope-line-text';

type Scope = PublicInstitution['scope'];

/** The evaluation scope in a list cell: 电工 四级 / 中级工, … */
export function InstitutionScopeTags({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  if (scope.length === 0) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Flex gap={4} wrap>
      {scope.map((s, i) => (
        <Tag key={i} data-testid="institution-scope-tag">
          {scopeLineText(s, t)}
        </Tag>
      ))}
    </Flex>
  );
}

/** The evaluation scope as a table (detail page). */
export function InstitutionScopeTable({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Table
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={scope.map((s, i) => ({ ...s, key: i }))}
      data-testid="institution-scope-table"
      columns={[
        { key: 'occupation', title: t('institutions.scope.occupation'), render: (_, s) => s.occupationName ?? s.specialItemName },
        {
          key: 'code',
          title: t('institutions.scope.code'),
          render: (_, s) => (s.occupationCode ? <Typography.Text code>{s.occupationCode}</Typography.Text> : none),
        },
        { key: 'workType', title: t('institutions.scope.workType'), render: (_, s) => s.workType ?? none },
        { key: 'level', title: t('institutions.scope.level'), render: (_, s) => (s.level ? <LevelTag level={s.level} /> : none) },
      ]}
    />
  );
}
