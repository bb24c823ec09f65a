import { objections, partResults, publicities } from '../../src/db/schema.ts';
import { type EvaluationWorld, makeEvaluationWorld } from './evaluation.ts';
import type { TestApp } from './test-app.ts';

export interface ClearedPlanOptions {
  candidates?: number;
  /** Candidates (by index) who failed the practical part. */
  failing?: number[];
  /** Candidates (by index) with an open objection (异议). */
  objecting?: number[];
  /** Publicity still running (default: closed yesterday). */
  publicityRunning?: boolean;
  status?: string;
}

let objectionCounter = 0;

/**
 * A plan whose evaluation is over: the evaluation world's plan with every candidate's theory and practical result
 * (80, or 40 on the practical for the failing ones) and its publicity (公示) closed yesterday — written straight to the
 * tables (results and publicity have their own tests).
 */
export async function makeClearedPlan(t: TestApp, o: ClearedPlanOptions = {}): Promise<EvaluationWorld> {
  const w = await makeEvaluationWorld(t, { candidates: o.candidates ?? 4, status: o.status ?? 'closed', examiners: 1 });
  const failing = new Set(o.failing ?? []);
  await t.db.insert(partResults).values(
    w.candidates.flatMap((c, i) => [
      { enrolmentId: c.enrolmentId, partId: w.theory.partId, planId: w.planId, score: 80, source: 'exam' },
      { enrolmentId: c.enrolmentId, partId: w.practical.partId, planId: w.planId, score: failing.has(i) ? 40 : 85, source: 'marking' },
    ]),
  );
  const day = 86_400_000;
  const now = Date.now();
  await t.db.insert(publicities).values({
    planId: w.planId,
    opensAt: new Date(now - 8 * day),
    closesAt: o.publicityRunning ? new Date(now + 3 * day) : new Date(now - day),
    workingDays: 5,
    calendarKnown: true,
    snapshot: [],
  });
  for (const i of o.objecting ?? []) {
    objectionCounter += 1;
    await t.db.insert(objections).values({
      planId: w.planId,
      enrolmentId: w.candidates[i]!.enrolmentId,
      trackingCode: `T${process.pid % 10000}${objectionCounter}`.slice(0, 16),
      name: '张三',
      contact: '13800000000',
      text: '成绩有误',
    });
  }
  return w;
}
