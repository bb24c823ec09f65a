import { idCardCheckChar } from '@skillcert/shared/validators/id-card';
import { and, eq } from 'drizzle-orm';
import { institutions, occupations, organisations, planParts, plans, planSittings } from '../../src/db/schema.ts';
import type { Db } from '../../src/db/client.ts';

/** A valid 居民身份证 number: region, birth date YYYYMMDD, a sequence (odd 3rd digit = male), the check character. */
export function idNumber(seq: number, birth = '20050312', region = '310115'): string {
  const body = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return body + idCardCheckChar(body);
}

let planCounter = 0;

/**
 * Factory: a plan of the demo's listed institution (上海临港职业技术学院, 工业机器人系统操作员), with a theory and a
 * practical part, each with sittings in rooms. Written straight to the tables (the plans module has its own tests).
 */
export async function makeEnrolmentPlan(
  db: Db,
  over: { level?: number; capacity?: number; sources?: string[]; status?: string; firstDate?: string; rooms?: number; roomCapacity?: number } = {},
): Promise<{ planId: string; orgId: string; theorySittings: string[]; practicalSittings: string[] }> {
  planCounter += 1;
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, '上海临港职业技术学院（演示）'));
  const [inst] = await db
    .select({ id: institutions.id })
    .from(institutions)
    .where(and(eq(institutions.orgId, org!.id), eq(institutions.kind, 'skill_level')));
  const [occ] = await db.select({ id: occupations.id }).from(occupations).where(eq(occupations.code, '6-31-07-03'));
  const [plan] = await db
    .insert(plans)
    .values({
      institutionId: inst!.id,
      orgId: org!.id,
      title: `测试计划 ${planCounter}`,
      occupationId: occ!.id,
      level: over.level ?? 4,
      basis: 'national_standard',
      method: 'result',
      candidateSources: over.sources ?? ['own_students'],
      capacity: over.capacity ?? 200,
      status: over.status ?? 'acknowledged',
      profileId: 'shanghai-2022',
    })
    .returning({ id: plans.id });
  const date = over.firstDate ?? '2026-05-20';
  const rooms = over.rooms ?? 2;
  const out = { planId: plan!.id, orgId: org!.id, theorySittings: [] as string[], practicalSittings: [] as string[] };
  for (const [position, kind] of (['theory', 'practical'] as const).entries()) {
    const [part] = await db.insert(planParts).values({ planId: plan!.id, position, kind, passMark: 60, durationMinutes: 90 }).returning({ id: planParts.id });
    for (let r = 0; r < rooms; r++) {
      const [s] = await db
        .insert(planSittings)
        .values({
          planId: plan!.id,
          partId: part!.id,
          position: r,
          date,
          startTime: kind === 'theory' ? '09:00' : '13:30',
          endTime: kind === 'theory' ? '10:30' : '16:30',
          site: '临港校区',
          room: `${kind === 'theory' ? 'A' : 'S'}${101 + r}`,
          capacity: over.roomCapacity ?? 30,
        })
        .returning({ id: planSittings.id });
      (kind === 'theory' ? out.theorySittings : out.practicalSittings).push(s!.id);
    }
  }
  return out;
}
