import type { Executor, Tx } from '../../db/client.ts';
import type { UseCaseContext } from '../../context.ts';
import { forbidden } from '../../http/errors.ts';
import { type Actor, orgScopeOf, requireAction } from '../access/policy.ts';
import { entryHash, GENESIS_HASH, verifyRun } from './audit.hash.ts';
import * as repo from './audit.repository.ts';

export interface AuditInput {
  action: string;
  targetType: string;
  targetId: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditContext {
  actor: Pick<Actor, 'userId' | 'username'> | null;
  requestId: string | null;
}

/** Plain JSON (dates become ISO strings) so that what is hashed is what jsonb gives back. */
function plain(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** Appends one entry inside the caller's transaction: the write and its audit entry commit together. */
export async function appendAudit(tx: Tx, ctx: AuditContext, input: AuditInput): Promise<void> {
  await repo.lockChain(tx);
  const prevHash = await repo.lastHash(tx);
  const fields = {
    at: new Date().toISOString(),
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.username ?? null,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId,
    before: plain(input.before),
    after: plain(input.after),
    requestId: ctx.requestId,
  };
  const hash = entryHash(prevHash, fields);
  await repo.insertEntry(tx, { ...fields, at: new Date(fields.at), prevHash, hash });
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; reason: string } | null;
}

/** Walks the whole chain in order and names the first broken entry. */
export async function verifyChain(ex: Executor, batch = 2000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let afterSeq = 0;
  let checked = 0;
  for (;;) {
    const entries = await repo.entriesAfter(ex, afterSeq, batch);
    if (entries.length === 0) return { ok: true, checked, firstBroken: null };
    const broken = verifyRun(prev, entries);
    if (broken) {
      checked += entries.findIndex((e) => e.seq === broken.seq);
      return { ok: false, checked, firstBroken: broken };
    }
    checked += entries.length;
    const last = entries[entries.length - 1]!;
    prev = last.hash;
    afterSeq = last.seq;
  }
}

/**
 * The audit browser. The platform admin reads every entry; an HR bureau the entries written by accounts of the
 * organisations within its region (its own, lower bureaus', its schools') — not the public's nor other regions'.
 */
export async function listAudit(ctx: UseCaseContext, filter: Omit<repo.AuditFilter, 'regionCode'>, page: number, pageSize: number) {
  requireAction(ctx.actor, 'audit.read');
  const scope = orgScopeOf(ctx.actor);
  if (scope.kind === 'org') throw forbidden('ACCESS.DENIED', { action: 'audit.read' });
  const { rows, total } = await repo.listEntries(ctx.db, { ...filter, regionCode: scope.kind === 'region' ? scope.regionCode : undefined }, page, pageSize);
  return {
    items: rows.map(({ prevHash: _prev, ...e }) => e),
    total,
    page,
    pageSize,
  };
}
