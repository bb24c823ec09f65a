import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { EligibilityCheck, ScopeLineView } from '@skillcert/shared/api/filings';
import { Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { checkValueText, conditionText } from '@/features/filings/components/eligibility';
import { scopeLineText } from '@/features/filings/components/scope-line-text';
import { RuleClause } from '@/features/policies/components/rule-clause';

interface EligibilityTableProps {
  checks: EligibilityCheck[];
  /** The filing's scope lines, to name the line a check is about. */
  lines?: ScopeLineView[];
  loading?: boolean;
  /** The filing's policy profile: each rule shown as its clause of the published text. */
  profileId?: string | null;
  'data-testid'?: string;
}

/** Each condition of R1 / R3 / R4: rule, condition in words, the actual value, what is required, pass or fail. */
export function EligibilityTable({ checks, lines, loading, profileId, 'data-testid': testId }: EligibilityTableProps) {
  const { t } = useTranslation();
  const columns: TableColumnsType<EligibilityCheck & { key: number }> = [
    {
      key: 'rule',
      title: t('eligibility.rule'),
      width: 260,
      render: (_, c) => (
        <Tooltip title={<RuleClause rule={c.rule} profileId={profileId} />}>
          <span>
            <RuleClause rule={c.rule} profileId={profileId} compact />
          </span>
        </Tooltip>
      ),
    },
    {
      key: 'condition',
      title: t('eligibility.condition'),
      render: (_, c) => {
        const line = c.line !== undefined ? lines?.[c.line] : undefined;
        return (
          <div>
            <div>{conditionText(c.condition, t)}</div>
            {c.line !== undefined ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('eligibility.line', { n: c.line + 1 })}
                {line ? ` · ${scopeLineText(line, t)}` : null}
              </Typography.Text>
            ) : null}
          </div>
        );
      },
    },
    { key: 'value', title: t('eligibility.value'), render: (_, c) => checkValueText(c, 'value', t) },
    { key: 'required', title: t('eligibility.required'), render: (_, c) => checkValueText(c, 'required', t) },
    {
      key: 'pass',
      title: t('eligibility.result'),
      width: 100,
      render: (_, c) =>
        c.pass ? (
          <Tag color="success" icon={<CheckCircleFilled />} data-testid="eligibility-pass">
            {t('eligibility.pass')}
          </Tag>
        ) : (
          <Tag color="error" icon={<CloseCircleFilled />} data-testid="eligibility-fail">
            {t('eligibility.fail')}
          </Tag>
        ),
    },
  ];
  return (
    <Table
      rowKey="key"
      size="small"
      columns={columns}
      loading={loading}
      dataSource={checks.map((c, i) => ({ ...c, key: i }))}
      pagination={false}
      locale={{ emptyText: t('eligibility.empty') }}
      data-testid={testId}
    />
  );
}
