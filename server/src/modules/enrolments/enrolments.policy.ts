import { isWithinRegion } from '@skillcert/shared/validators/region-code';
import type { Executor } from '../../db/client.ts';
import { notFound } from '../../http/errors.ts';
import { type Actor, requireAction } from '../access/policy.ts';
import { isSupervisorOf, type PlanRow } from './enrolments.repository.ts';

/**
 * Who sees a plan's candidates: the school running it; bureaus over its region; its assigned supervisors; the
 * platform. Who changes them: the school's own offices only. Out of scope reads as missing (404).
 */
export async function requirePlanRead(ex: Executor, actor: Actor, plan: PlanRow): Promise<void> {
  requireAction(actor, 'enrolment.read');
  if (actor.role === 'admin') return;
  if (actor.orgKind === 'school') {
    if (actor.orgId === plan.orgId) return;
  } else if (actor.role === 'supervisor') {
    if (await isSupervisorOf(ex, plan.id, actor.userId)) return;
  } else if (actor.orgKind === 'hr_bureau' || actor.orgKind === 'edu_bureau') {
    if (isWithinRegion(actor.regionCode, plan.regionCode)) return;
  }
  throw notFound('plan');
}

export function requirePlanManage(actor: Actor, plan: PlanRow): void {
  requireAction(actor, 'enrolment.manage');
  if (actor.orgKind !== 'school' || actor.orgId !== plan.orgId) throw notFound('plan');
}

/** The whole ID number: the school's own staff only (the candidate sees their own on their page). */
export function requireReveal(actor: Actor, plan: PlanRow): void {
  requireAction(actor, 'identity.reveal');
  if (actor.orgKind !== 'school' || actor.orgId !== plan.orgId) throw notFound('plan');
}

/** Plan states in which candidates may still be enrolled. */
export const ENROLLING_STATUSES: readonly string[] = ['draft', 'submitted', 'returned', 'acknowledged'];
