import type { EligibilityCheck } from '@skillcert/shared/api/filings';
import type { SkillLevel } from '@skillcert/shared/domain';
import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { checkValueText, conditionText } from '@/features/filings/components/eligibility';
import { RuleClause } from '@/features/policies/components/rule-clause';
import { scopeLineText } from '@/features/filings/components/scope-line-text';
import { errorText, missingPartsText } from '@/lib/api-errors';
import { ApiError } from '@/lib/http';

function failingChecks(details: Record<string, unknown> | undefined): EligibilityCheck[] {
  const raw = details?.checks;
  if (!Array.isArray(raw)) return [];
  return raw.filter((c): c is EligibilityCheck => typeof c === 'object' && c !== null && 'condition' in c && 'rule' in c);
}

interface ScopeLineDetail {
  occupationCode?: string | null;
  occupationName?: string | null;
  level?: SkillLevel | null;
}

/**
 * Why the server refused a submission or approval: a 422 FILING.NOT_ELIGIBLE names the rule (R1, R3, R4),
 * the offending scope line and each failing condition — all in words. FILING.INCOMPLETE names the missing parts.
 * Anything else: the error's message.
 */
export function FilingRefusalAlert({ error, onClose, profileId }: { error: unknown; onClose?: () => void; profileId?: string | null }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) return null;

  if (error.code === 'FILING.INCOMPLETE') {
    const missing = Array.isArray(error.details?.missing) ? error.details.missing : [];
    return (
      <Alert
        type="error"
        showIcon
        closable={onClose ? { onClose } : undefined}
        data-testid="filing-incomplete"
        title={t('filings.incompleteTitle', { parts: missingPartsText(missing, t) })}
        style={{ marginBottom: 16 }}
      />
    );
  }

  if (error.code !== 'FILING.NOT_ELIGIBLE') {
    return (
      <Alert
        type="error"
        showIcon
        closable={onClose ? { onClose } : undefined}
        data-testid="filing-error"
        title={errorText(error, t)}
        style={{ marginBottom: 16 }}
      />
    );
  }

  const rule = typeof error.details?.rule === 'string' ? error.details.rule : '';
  const checks = failingChecks(error.details);
  const lineIndex = typeof error.details?.line === 'number' ? error.details.line : undefined;
  const scopeLine = (error.details?.scopeLine ?? undefined) as ScopeLineDetail | undefined;

  return (
    <Alert
      type="error"
      showIcon
      closable={onClose ? { onClose } : undefined}
      data-testid="filing-refusal"
      data-rule={rule}
      style={{ marginBottom: 16 }}
      title={t('filings.refusalTitle', { rule })}
      description={
        <div>
          <Typography.Paragraph style={{ marginBottom: 8 }} data-testid="filing-refusal-rule">
            <RuleClause rule={rule} profileId={profileId} />
          </Typography.Paragraph>
          {lineIndex !== undefined && scopeLine ? (
            <Typography.Paragraph strong style={{ marginBottom: 8 }} data-testid="filing-refusal-line">
              {t('filings.refusalLine', {
                n: lineIndex + 1,
                line: scopeLineText(
                  {
                    occupationCode: scopeLine.occupationCode ?? null,
                    occupationName: scopeLine.occupationName ?? null,
                    specialItemName: null,
                    workType: null,
                    level: scopeLine.level,
                  },
                  t,
                ),
              })}
            </Typography.Paragraph>
          ) : null}
          {checks.length > 0 ? (
            <>
              <Typography.Text>{t('filings.refusalChecks')}</Typography.Text>
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }} data-testid="filing-refusal-checks">
                {checks.map((c, i) => (
                  <li key={i}>
                    {`${c.rule} · `}
                    {c.line !== undefined ? `${t('eligibility.line', { n: c.line + 1 })} · ` : null}
                    {t('filings.refusalCheck', {
                      condition: conditionText(c.condition, t),
                      value: checkValueText(c, 'value', t),
                      required: checkValueText(c, 'required', t),
                    })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      }
    />
  );
}
