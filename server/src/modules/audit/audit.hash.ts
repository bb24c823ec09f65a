import { createHash } from 'node:crypto';

/** The first entry links to this. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so equal values hash equally (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export interface HashedFields {
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** Each entry's hash covers the previous entry's hash and every field of its own. */
export function entryHash(prevHash: string, f: HashedFields): string {
  const hashed: HashedFields = {
    at: f.at,
    actorId: f.actorId,
    actorName: f.actorName,
    action: f.action,
    targetType: f.targetType,
    targetId: f.targetId,
    before: f.before,
    after: f.after,
    requestId: f.requestId,
  };
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(hashed)).digest('hex');
}

export interface StoredEntry extends HashedFields {
  seq: number;
  prevHash: string;
  hash: string;
}

export type ChainBreak = { seq: number; reason: 'prev_hash_mismatch' | 'hash_mismatch' };

/** Checks a run of consecutive entries, given the hash the run should start from. */
export function verifyRun(startHash: string, entries: readonly StoredEntry[]): ChainBreak | null {
  let prev = startHash;
  for (const e of entries) {
    if (e.prevHash !== prev) return { seq: e.seq, reason: 'prev_hash_mismatch' };
    if (entryHash(e.prevHash, e) !== e.hash) return { seq: e.seq, reason: 'hash_mismatch' };
    prev = e.hash;
  }
  return null;
}
