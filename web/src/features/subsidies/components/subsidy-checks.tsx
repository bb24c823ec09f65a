import type { SubsidyCheck, SubsidyClaim } from '@skillcert/shared/api/subsidies';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Each eligibility check of a claim (R11) with its outcome, in words. */
export function SubsidyChecks({ checks }: { checks: SubsidyCheck[] }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={2} data-testid="subsidy-checks">
      {checks.map((k) => (
        <Typography.Text key={k.name} data-testid={`subsidy-check-${k.name}`} data-outcome={k.outcome} style={{ fontSize: 13 }}>
          <Tag color={k.outcome === 'pass' ? 'green' : 'red'}>{t(`subsidies.outcome.${k.outcome}`)}</Tag>
          {t(`subsidies.checks.${k.name}`, {
            months: String(k.detail.months ?? ''),
            closesOn: String(k.detail.closesOn ?? ''),
            claims: String(k.detail.claims ?? ''),
            max: String(k.detail.max ?? ''),
            amount: String(k.detail.amount ?? ''),
          })}
        </Typography.Text>
      ))}
    </Flex>
  );
}

const STATUS_COLOURS: Record<SubsidyClaim['status'], string> = { submitted: 'blue', approved: 'gold', refused: 'red', paid: 'green' };

export function SubsidyStatusTag({ status }: { status: SubsidyClaim['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="subsidy-status" data-status={status}>
      {t(`subsidies.status.${status}`)}
    </Tag>
  );
}
