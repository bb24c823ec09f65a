import { eq, inArray } from 'drizzle-orm';
import { examAttempts, items, planSittings } from '../../src/db/schema.ts';
import { chinaDateTime } from '../../src/modules/exams/exams.rules.ts';
import type { TestApp } from './test-app.ts';

/** Helpers for the theory exam's API tests: the exam cookie, moving a sitting in time, the right answers of a copy. */

/** Signs in with 准考证号 + 证件号码 and returns the exam cookie (or the failed response). */
export async function examSignIn(
  t: TestApp,
  c: { theoryExamNumber: string; idNumber: string },
  deviceId: string,
  opts: { remoteAddress?: string; headers?: Record<string, string> } = {},
) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/exam/sign-in',
    payload: { examNumber: c.theoryExamNumber, idNumber: c.idNumber, deviceId },
    ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
    headers: opts.headers ?? {},
  });
  const cookie = res.cookies.find((k) => k.name === 'skillcert_exam');
  return { status: res.statusCode, body: res.json(), cookie: cookie ? `skillcert_exam=${cookie.value}` : undefined };
}

/** Moves a sitting so it starts `minutesFromNow` from now (negative: started that long ago) — time passing, for tests. */
export async function moveSitting(t: TestApp, sittingId: string, minutesFromNow: number): Promise<Date> {
  const startsAt = new Date(Math.floor((Date.now() + minutesFromNow * 60_000) / 1000) * 1000);
  const { date, time } = chinaDateTime(startsAt);
  await t.db.update(planSittings).set({ date, startTime: time }).where(eq(planSittings.id, sittingId));
  // chinaDateTime keeps minutes only: the real start is the minute boundary.
  return new Date(`${date}T${time}:00+08:00`);
}

/** The right answer of each objective item of the candidate's copy, in the keys the candidate sees. */
export async function rightAnswers(t: TestApp, attemptId: string): Promise<Map<string, string[]>> {
  const [a] = await t.db.select({ layout: examAttempts.layout }).from(examAttempts).where(eq(examAttempts.id, attemptId));
  const ids = a!.layout.map((i) => i.itemId);
  const rows = await t.db.select({ id: items.id, answer: items.answer }).from(items).where(inArray(items.id, ids));
  const answerOf = new Map(rows.map((r) => [r.id, r.answer as string[]]));
  const out = new Map<string, string[]>();
  for (const item of a!.layout) {
    if (item.type === 'subjective') continue;
    const answer = answerOf.get(item.itemId) ?? [];
    if (item.type === 'judge') out.set(item.itemId, answer);
    else out.set(item.itemId, answer.map((k) => String.fromCharCode(65 + item.optionOrder.indexOf(k))).sort());
  }
  return out;
}
