import { and, asc, count, desc, eq, gt, type SQL, sql } from 'drizzle-orm';
import { regionPrefix } from '@skillcert/shared/validators/region-code';
import { type Executor, queryRows } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';
import { GENESIS_HASH, type StoredEntry } from './audit.hash.ts';
import { containing } from '../../db/like.ts';

type AuditRow = typeof auditLog.$inferSelect;

/** Serialises appends so the chain has one order; held until the transaction ends. */
export async function lockChain(ex: Executor): Promise<void> {
  await queryRows(ex, sql`select pg_advisory_xact_lock(727001)`);
}

export async function lastHash(ex: Executor): Promise<string> {
  const rows = await ex.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return rows[0]?.hash ?? GENESIS_HASH;
}

export async function insertEntry(ex: Executor, row: typeof auditLog.$inferInsert): Promise<void> {
  await ex.insert(auditLog).values(row);
}

export function toStored(r: AuditRow): StoredEntry {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    before: r.before,
    after: r.after,
    requestId: r.requestId,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

export async function entriesAfter(ex: Executor, afterSeq: number, limit: number): Promise<StoredEntry[]> {
  const rows = await ex.select().from(auditLog).where(gt(auditLog.seq, afterSeq)).orderBy(asc(auditLog.seq)).limit(limit);
  return rows.map(toStored);
}

export interface AuditFilter {
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  seq?: number | undefined;
  /** Part of the actor's username. */
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Only entries written by accounts of organisations within this region (a bureau's scope). */
  regionCode?: string | undefined;
}

export async function listEntries(ex: Executor, f: AuditFilter, page: number, pageSize: number) {
  const conds: SQL[] = [];
  if (f.action) conds.push(eq(auditLog.action, f.action));
  if (f.targetType) conds.push(eq(auditLog.targetType, f.targetType));
  if (f.targetId) conds.push(eq(auditLog.targetId, f.targetId));
  if (f.seq) conds.push(eq(auditLog.seq, f.seq));
  if (f.actor) conds.push(sql`${auditLog.actorName} ilike ${containing(f.actor)}`);
  if (f.from) conds.push(sql`${auditLog.at} >= ${new Date(f.from).toISOString()}::timestamptz`);
  if (f.to) conds.push(sql`${auditLog.at} <= ${new Date(f.to).toISOString()}::timestamptz`);
  if (f.regionCode) {
    const prefix = regionPrefix(f.regionCode);
    conds.push(sql`${auditLog.actorId} in (select u.id from users u join organisations o on o.id = u.org_id where o.region_code like ${`${prefix}%`})`);
  }
  const where = conds.length ? and(...conds) : undefined;
  const [rows, totals] = await Promise.all([
    ex
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.seq))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ex.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { rows: rows.map(toStored), total: totals[0]?.n ?? 0 };
}
