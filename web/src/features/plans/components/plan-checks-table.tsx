import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { PlanCheck } from '@skillcert/shared/api/plans';
import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { appZhCN } from '@/locales/app.zh-CN';

type Condition = keyof typeof appZhCN.plans.conditions;
type Rule = keyof typeof appZhCN.plans.rules;

export function conditionText(c: Pick<PlanCheck, 'condition'>, t: TFunction): string {
  return Object.hasOwn(appZhCN.plans.conditions, c.condition) ? t(`plans.conditions.${c.condition as Condition}`) : c.condition;
}

export function ruleText(rule: string, t: TFunction): string {
  return Object.hasOwn(appZhCN.plans.rules, rule) ? t(`plans.rules.${rule as Rule}`) : rule;
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(show).join('、');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Where a check points: 第 1 部分 第 2 场次. */
function whereText(path: string | undefined, t: TFunction): string {
  const m = path ? /^parts\.(\d+)(?:\.sittings\.(\d+))?/.exec(path) : null;
  if (!m) return '';
  return m[2] !== undefined
    ? t('plans.checks.atSitting', { part: Number(m[1]) + 1, sitting: Number(m[2]) + 1 })
    : t('plans.checks.atPart', { part: Number(m[1]) + 1 });
}

/** Each check with its rule, the condition in words, what the plan has and what is required; failures first. */
export function PlanChecksTable({ checks, 'data-testid': testId }: { checks: PlanCheck[]; 'data-testid'?: string }) {
  const { t } = useTranslation();
  const rows = [...checks].map((c, i) => ({ ...c, key: i })).sort((a, b) => Number(a.pass) - Number(b.pass));
  const columns: TableColumnsType<(typeof rows)[number]> = [
    {
      key: 'pass',
      title: t('plans.checks.result'),
      width: 90,
      render: (_, c) =>
        c.pass ? (
          <CheckCircleFilled style={{ color: '#52c41a' }} aria-label={t('plans.checks.pass')} />
        ) : (
          <CloseCircleFilled style={{ color: '#ff4d4f' }} aria-label={t('plans.checks.fail')} />
        ),
    },
    { key: 'rule', title: t('plans.checks.rule'), width: 130, render: (_, c) => <Tag color={c.pass ? 'default' : 'red'}>{ruleText(c.rule, t)}</Tag> },
    {
      key: 'condition',
      title: t('plans.checks.condition'),
      render: (_, c) => (
        <span data-testid="plan-check" data-pass={String(c.pass)} data-code={c.code}>
          {conditionText(c, t)} <Typography.Text type="secondary">{whereText(c.path, t)}</Typography.Text>
        </span>
      ),
    },
    { key: 'value', title: t('plans.checks.value'), width: 200, render: (_, c) => show(c.value) },
    { key: 'required', title: t('plans.checks.required'), width: 220, render: (_, c) => show(c.required) },
  ];
  return <Table rowKey="key" size="small" pagination={false} columns={columns} dataSource={rows} data-testid={testId} />;
}
