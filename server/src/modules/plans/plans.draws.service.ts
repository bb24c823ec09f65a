import { randomBytes } from 'node:crypto';
import type { RosterAssessor } from '@skillcert/shared/api/filings';
import type { DrawReplay, DrawView, PlanStatus } from '@skillcert/shared/api/plans';
import type { SkillLevel } from '@skillcert/shared/domain';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../http/errors.ts';
import { findProfile, profileForRegion } from '../policies/policies.rules.ts';
import { requireAction, requireOrgInScope } from '../access/policy.ts';
import { findOrganisation } from '../organisations/organisations.repository.ts';
import { type DrawLog, drawExaminers, replayDraw } from './plans.draw.ts';
import * as repo from './plans.repository.ts';
import { drawPool, isEditable, type RosterFact, requiredExaminers } from './plans.rules.ts';

type DrawRow = NonNullable<Awaited<ReturnType<typeof repo.findDraw>>>;

function present(d: DrawRow): DrawView {
  return {
    id: d.id,
    sittingId: d.sittingId,
    seed: d.seed,
    count: d.count,
    pool: d.pool as string[],
    excluded: d.excluded as DrawView['excluded'],
    log: d.log,
    drawn: d.drawn,
    drawnBy: d.drawnBy,
    at: d.at.toISOString(),
  };
}

/** The plan if the actor may read it (its school, HR over its region, an assigned supervisor); else 404. */
async function loadReadable(ctx: UseCaseContext, id: string, forUpdate = false, ex: Parameters<typeof repo.findPlan>[0] = ctx.db) {
  const p = await repo.findPlan(ex, id, forUpdate);
  if (!p) throw notFound('plan');
  if (ctx.actor.role === 'supervisor') {
    if (!(await repo.supervisorsOf(ex, [id])).some((s) => s.userId === ctx.actor.userId)) throw notFound('plan');
  } else requireOrgInScope(ctx.actor, { id: p.orgId, kind: 'school', regionCode: p.regionCode }, 'plan');
  return p;
}

/**
 * Draws the examiners of a practical sitting at random (R9): the pool is the declared roster certified for the plan's
 * occupation and level, less whoever already serves on the sitting; declared conflicts (回避) are excluded; the seed, the
 * pool and the log are stored so a supervisor can replay the draw. The drawn examiners replace any earlier draw's.
 */
export async function drawForSitting(
  ctx: UseCaseContext,
  planId: string,
  sittingId: string,
  body: { count?: number | undefined; seed?: string | undefined },
): Promise<DrawView> {
  requireAction(ctx.actor, 'plan.manage');
  const drawId = await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const p = await loadReadable(ctx, planId, true, tx);
    if (p.orgId !== ctx.actor.orgId) throw forbidden();
    if (!isEditable(p.status as PlanStatus)) throw conflict('PLAN.NOT_DRAFT', { status: p.status });
    const sittings = await repo.sittingsOf(tx, planId);
    const parts = await repo.partsOf(tx, planId);
    const staff = await repo.staffOf(tx, planId);
    const conflicts = await repo.conflictsOf(tx, planId);
    const declared = await repo.institutionDeclarations(tx, p.institutionId);
    const sitting = sittings.find((s) => s.id === sittingId);
    if (!sitting) throw notFound('sitting');
    if (parts.find((x) => x.part.id === sitting.partId)?.part.kind !== 'practical') throw unprocessable('PLAN.DRAW_PART');
    const roster = new Map<string, RosterFact>();
    for (const f of declared.declared) for (const a of f.assessors as RosterAssessor[]) roster.set(a.certificateNo, { ...a, levels: a.levels ?? [] });
    const named = staff.filter((m) => m.sittingId === sittingId && m.drawId === null);
    const planFacts = {
      occupationCode: p.occupationCode,
      specialItemId: p.specialItemId,
      level: p.level as SkillLevel | null,
      conflicts: conflicts.map((c) => ({ certificateNo: c.certificateNo, kind: c.kind as 'teaches_class' | 'relative', value: c.value })),
    };
    // Candidates' names (relatives) join the group once enrolment arranges it; the classes are the sitting's.
    const { pool, excluded } = drawPool([...roster.values()], planFacts, {
      date: sitting.date,
      classes: sitting.classes,
      candidateNames: [],
      otherStaff: named.map((m) => m.certificateNo),
    });
    const conflicted = excluded.filter((x) => x.reason === 'teaches_class' || x.reason === 'relative').map((x) => x.certificateNo);
    const profile = findProfile(p.profileId) ?? profileForRegion(p.regionCode);
    const chiefs = named.filter((m) => m.role === 'chief_examiner' || m.role === 'examiner').length;
    const count = body.count ?? Math.max(1, requiredExaminers(Math.min(sitting.capacity, p.capacity), profile) - chiefs);
    const seed = body.seed ?? randomBytes(16).toString('hex');
    const { drawn, log } = drawExaminers({
      eligible: [...pool, ...conflicted].map((id) => ({ id, name: roster.get(id)?.name ?? '' })),
      conflicts: new Set(conflicted),
      count,
      seed,
    });
    const id = await repo.replaceDrawnExaminers(
      tx,
      planId,
      sittingId,
      { seed, count, pool: log.eligible, excluded, log, drawn, drawnBy: ctx.actor.userId },
      drawn.map((c) => ({ certificateNo: c, name: roster.get(c)?.name ?? '' })),
    );
    await repo.updatePlan(tx, planId, {});
    await repo.insertEvent(tx, {
      planId,
      action: 'draw',
      fromStatus: p.status,
      toStatus: p.status,
      data: { sittingId, drawId: id, seed, drawn },
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      actorOrg: (await findOrganisation(tx, ctx.actor.orgId))?.name ?? null,
    });
    await audit({ action: 'plan.draw', targetType: 'plan', targetId: planId, after: { sittingId, drawId: id, seed, count, drawn } });
    return id;
  });
  const row = await repo.findDraw(ctx.db, planId, drawId);
  return present(row!);
}

export async function listDraws(ctx: UseCaseContext, planId: string): Promise<DrawView[]> {
  requireAction(ctx.actor, 'plan.read');
  await loadReadable(ctx, planId);
  return (await repo.drawsOf(ctx.db, planId)).map(present);
}

/** Runs the draw again from its stored seed and pool: `matches` when the same examiners come out. */
export async function replay(ctx: UseCaseContext, planId: string, drawId: string): Promise<DrawReplay> {
  requireAction(ctx.actor, 'plan.read');
  await loadReadable(ctx, planId);
  const d = await repo.findDraw(ctx.db, planId, drawId);
  if (!d) throw notFound('draw');
  let replayed: string[] = [];
  try {
    replayed = replayDraw(d.log as DrawLog, d.count);
  } catch (e) {
    // A log that no longer matches its seed is the answer, not an error: the draw cannot be vouched for.
    if (!(e instanceof AppError && e.code === 'PLAN.DRAW_LOG_MISMATCH')) throw e;
  }
  return { draw: present(d), replayed, replayLog: d.log, matches: replayed.length === d.drawn.length && replayed.every((c, i) => c === d.drawn[i]) };
}
