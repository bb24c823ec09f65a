import type { PlanCheck } from '@skillcert/shared/api/plans';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { PlanChecksTable, ruleText } from '@/features/plans/components/plan-checks-table';
import { errorText } from '@/lib/api-errors';
import { ApiError } from '@/lib/http';

function failingChecks(error: ApiError): PlanCheck[] {
  const raw = error.details?.checks;
  return Array.isArray(raw) ? raw.filter((c): c is PlanCheck => typeof c === 'object' && c !== null && 'condition' in c && 'rule' in c) : [];
}

/** A suspension's refusal (R14) names the record behind it: its type, the clause broken, the last day. */
function sanctionOf(error: ApiError): { type: string; clause: string; until: string | null } | null {
  const s = error.details?.sanction;
  if (typeof s !== 'object' || s === null) return null;
  const { type, clause, until } = s as Record<string, unknown>;
  return typeof type === 'string' && typeof clause === 'string' ? { type, clause, until: typeof until === 'string' ? until : null } : null;
}

/**
 * Why the server refused: the message names the rule and, for the lead time, the dates; a refused submission lists every
 * failing check below it.
 */
export function PlanRefusalAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) return null;
  const rule = typeof error.details?.rule === 'string' ? error.details.rule : null;
  const checks = failingChecks(error);
  const sanction = sanctionOf(error);
  return (
    <Alert
      type="error"
      showIcon
      closable={onClose ? { onClose } : undefined}
      data-testid="plan-refusal"
      data-code={error.code}
      data-rule={rule ?? ''}
      title={rule ? t('plans.refusalTitle', { rule: ruleText(rule, t) }) : errorText(error, t)}
      description={
        rule ? (
          <>
            <div data-testid="plan-refusal-message">{errorText(error, t)}</div>
            {sanction ? (
              <div data-testid="plan-refusal-sanction">
                {t('plans.refusalSanction', { type: sanction.type, clause: sanction.clause })}
                {sanction.until ? `；${t('plans.refusalSanctionUntil', { until: sanction.until })}` : ''}
              </div>
            ) : null}
            {checks.length > 1 ? <PlanChecksTable checks={checks} /> : null}
          </>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
