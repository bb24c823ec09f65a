import { and, asc, eq, like } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { certificates, plans } from '../db/schema.ts';
import { reviewBatch, submitBatch } from '../modules/reporting/reporting.service.ts';
import { as } from './demo-filings.ts';

/**
 * 证书数据上报 (R10) in the demo: the certificates of the demo closed plan in each report status, through the real use
 * cases — the first sent and accepted by sh_hr (so HR has one to put in the national upload file), the second returned
 * to lg_school_admin with a reason (to correct and send again), the third in a batch waiting for sh_hr's review; the
 * revoked one is never sent, and the plan's two certificates still to issue will be pending.
 */
export async function seedDemoReporting(db: Db): Promise<void> {
  const school = await as(db, 'lg_school_admin');
  const hr = await as(db, 'sh_hr');
  const [plan] = await db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.orgId, school.actor.orgId), like(plans.title, '%已发证演示%')));
  if (!plan) return;
  const valid = await db
    .select({ id: certificates.id })
    .from(certificates)
    .where(and(eq(certificates.planId, plan.id), eq(certificates.status, 'valid')))
    .orderBy(asc(certificates.number));
  if (valid.length < 3) return;
  const [accepted, returned, waiting] = valid as [{ id: string }, { id: string }, { id: string }];
  const first = await submitBatch(school, { planId: plan.id, certificateIds: [accepted.id, returned.id] });
  await reviewBatch(hr, first.id, { returns: [{ certificateId: returned.id, reason: '演示：证书上的出生日期与身份证件不一致，请核对后更正' }] });
  await submitBatch(school, { planId: plan.id, certificateIds: [waiting.id] });
}
