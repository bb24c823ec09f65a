import type { Executor } from '../../db/client.ts';
import { ruleViolation } from '../../http/errors.ts';
import * as repo from './sanctions.repository.ts';
import { institutionMayOperate } from './sanctions.rules.ts';

// The one check other modules call where they act: plans (submit: the institution; start: institution and line), the
// exam doors (institution and line). Certificate issuance applies the same pure rule inside its own mayIssue.

/**
 * R14: refuses (422, rule R14) when the institution — or the plan's scope line — is under a suspension or its listing
 * is revoked. Plans (submit, start), the exam doors and certificate issuance call it at the point they act.
 */
export async function requireInstitutionMayOperate(
  ex: Executor,
  institutionId: string,
  line: { occupationId: string | null; level: number | null; specialItemId: string | null; workType: string | null } | null,
  at = new Date(),
): Promise<void> {
  const { inst, line: scopeLine } = await repo.operatingFacts(ex, institutionId, line);
  if (!inst) return;
  const refusal = institutionMayOperate(inst, line ? scopeLine : null, at);
  if (refusal) throw ruleViolation(refusal.rule, refusal.code, { status: inst.status });
}

/**
 * requireInstitutionMayOperate for the institution of a plan and, unless `wholeOnly`, its scope line (a plan being
 * submitted has its line checked by the plan checks, which name the line: PLAN.SCOPE_SUSPENDED).
 */
export async function requirePlanMayOperate(ex: Executor, planId: string, at = new Date(), wholeOnly = false): Promise<void> {
  const p = await repo.planLine(ex, planId);
  if (p?.institutionId) await requireInstitutionMayOperate(ex, p.institutionId, wholeOnly ? null : p, at);
}
