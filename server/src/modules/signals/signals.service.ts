import type { Signal } from '@skillcert/shared/api/sanctions';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { type Actor, requireAction } from '../access/policy.ts';
import { insertInspection } from '../inspections/inspections.service.ts';
import * as repo from './signals.repository.ts';
import { type Detected, examinerDeviations, heavyExamEvents, leadTimeByChange, passRateOutliers, sharedRareWrongAnswers } from './signals.rules.ts';

/** The bureau's region as a code prefix (a province's 31, a city's 3101); the platform admin sees all. */
const prefixOf = (a: Actor) => (a.role === 'admin' ? '' : a.regionCode.replace(/(00)+$/, ''));

function present(r: { s: repo.SignalRow; institutionName: string | null }): Signal {
  return {
    id: r.s.id,
    kind: r.s.kind as Signal['kind'],
    institutionId: r.s.institutionId,
    institutionName: r.institutionName,
    planId: r.s.planId,
    evidence: r.s.evidence,
    status: r.s.status as Signal['status'],
    detectedAt: r.s.detectedAt.toISOString(),
    dismissReason: r.s.dismissReason,
    inspectionId: r.s.inspectionId,
  };
}

/**
 * Runs the detectors over the region's data and stores each new signal with its evidence (a signal already stored —
 * open, dismissed or inspected — is not raised again). Shared rare wrong answers are read per sitting from the stored
 * answers, mapped back to the bank's option keys through each candidate's copy.
 */
export async function detectSignals(ctx: UseCaseContext): Promise<{ detected: number; stored: number }> {
  requireAction(ctx.actor, 'signal.manage');
  const prefix = prefixOf(ctx.actor);
  const regions = await repo.institutionRegions(ctx.db);
  const found: Detected[] = [
    ...passRateOutliers(await repo.passRows(ctx.db)),
    ...(await repo.markRows(ctx.db, prefix)).flatMap((p) => examinerDeviations(p.planId, p.institutionId, p.rows)),
    ...(await repo.sittingAnswers(ctx.db, prefix)).flatMap((s) => sharedRareWrongAnswers(s.sittingId, s.planId, s.institutionId, s.rows)),
    ...heavyExamEvents(await repo.sittingEvents(ctx.db, prefix)),
    ...leadTimeByChange(await repo.changedPlans(ctx.db, prefix)),
  ].filter((d) => d.institutionId !== null && (regions.get(d.institutionId)?.regionCode ?? '').startsWith(prefix));
  let stored = 0;
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    for (const d of found) {
      const regionCode = regions.get(d.institutionId!)!.regionCode;
      const summary = `${d.kind}:${regions.get(d.institutionId!)!.name}`;
      if (await repo.upsert(tx, { kind: d.kind, key: d.key, regionCode, institutionId: d.institutionId, planId: d.planId, summary, evidence: d.evidence }))
        stored++;
    }
    if (stored) await audit({ action: 'signal.detect', targetType: 'region', targetId: ctx.actor.regionCode, after: { detected: found.length, stored } });
  });
  return { detected: found.length, stored };
}

export async function listSignals(ctx: UseCaseContext, q: { status?: string | undefined; page: number; pageSize: number }) {
  requireAction(ctx.actor, 'signal.read');
  const { rows, total } = await repo.list(ctx.db, { regionPrefix: prefixOf(ctx.actor), status: q.status }, q.page, q.pageSize);
  return { items: rows.map(present), total, page: q.page, pageSize: q.pageSize };
}

async function loadOpen(ctx: UseCaseContext, tx: Parameters<typeof repo.find>[0], id: string) {
  const r = await repo.find(tx, id, true);
  if (!r?.s.regionCode.startsWith(prefixOf(ctx.actor))) throw notFound('signal');
  if (r.s.status !== 'open') throw conflict('SIGNAL.DECIDED', { status: r.s.status });
  return r;
}

export async function dismissSignal(ctx: UseCaseContext, id: string, reason: string): Promise<Signal> {
  requireAction(ctx.actor, 'signal.manage');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    await loadOpen(ctx, tx, id);
    await repo.update(tx, id, { status: 'dismissed', dismissReason: reason, decidedAt: new Date(), decidedBy: ctx.actor.userId });
    await audit({ action: 'signal.dismiss', targetType: 'signal', targetId: id, after: { reason } });
  });
  return present((await repo.find(ctx.db, id))!);
}

/** Opens an ad hoc inspection of the signal's institution (and plan) and marks the signal, in one transaction. */
export async function inspectFromSignal(ctx: UseCaseContext, id: string, title: string): Promise<Signal> {
  requireAction(ctx.actor, 'signal.manage');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const r = await loadOpen(ctx, tx, id);
    const inspectionId = await insertInspection(tx, audit, ctx.actor, {
      institutionId: r.s.institutionId!,
      planId: r.s.planId ?? undefined,
      kind: 'ad_hoc',
      title,
      signalId: id,
    });
    await repo.update(tx, id, { status: 'inspected', inspectionId, decidedAt: new Date(), decidedBy: ctx.actor.userId });
    await audit({ action: 'signal.inspect', targetType: 'signal', targetId: id, after: { inspectionId } });
  });
  return present((await repo.find(ctx.db, id))!);
}
