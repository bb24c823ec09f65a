import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ruleText } from '@/features/filings/components/eligibility';
import { usePolicy } from '@/features/policies/api/get-policy';

/**
 * A rule as officials know it — the published text's document, clause and wording (泉人社文〔2024〕101号 二：
 * “对备案期内管理规范…”) — with the rule id as a small tag. From the filing's policy profile; a rule the texts leave
 * open (our default) falls back to its plain-language summary.
 */
export function RuleClause({ rule, profileId, compact = false }: { rule: string; profileId?: string | null; compact?: boolean }) {
  const { t } = useTranslation();
  const profile = usePolicy(profileId);
  const clause = profile.data?.clauses[rule];
  const tag = (
    <Tag style={{ fontSize: 11, lineHeight: '16px', marginInlineStart: 6 }} data-testid="rule-id-tag">
      {rule}
    </Tag>
  );
  if (!clause) {
    return (
      <span data-testid="rule-clause" data-rule={rule}>
        {ruleText(rule, t)}
        {tag}
      </span>
    );
  }
  return (
    <span data-testid="rule-clause" data-rule={rule}>
      <Typography.Text strong>{t('usability.clauseRef', { document: clause.document, clause: clause.clause })}</Typography.Text>
      {compact ? null : <span>{t('usability.clauseWording', { wording: clause.wording })}</span>}
      {tag}
    </span>
  );
}
