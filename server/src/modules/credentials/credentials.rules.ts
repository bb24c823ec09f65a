import type { PolicyProfile } from '@skillcert/shared/api/policies';

/**
 * Pure rules of signed electronic certificates (电子证书): issuer identifiers, key validity, and the verdict.
 * No database, no clock: callers pass `now`.
 */

/** Entries per status list: the Bitstring Status List spec's minimum for herd privacy (16 KB uncompressed). */
export const STATUS_LIST_LENGTH = 131_072;

export type CheckName = 'format' | 'issuer' | 'key' | 'signature' | 'status' | 'sm2';
export type CheckOutcome = 'pass' | 'fail' | 'could_not_check';

export interface Check {
  check: CheckName;
  outcome: CheckOutcome;
  /** A stable reason code (e.g. `key.unknown`, `status.revoked`) the public page translates. */
  reason: string;
  detail?: string;
}

/** Genuine and valid only when every check passed; a check that could not run is never a pass. */
export function overallValid(checks: readonly Check[]): boolean {
  return checks.length > 0 && checks.every((c) => c.outcome === 'pass');
}

/** `did:web` of the platform host: `http://localhost:3000` → `did:web:localhost%3A3000` (the port's colon encoded). */
export function didWebHost(origin: string): string {
  const u = new URL(origin);
  return `did:web:${encodeURIComponent(u.host)}`;
}

/** The DID of an issuer organisation: `did:web:<host>:issuers:<orgId>` (served at `<origin>/issuers/<orgId>/did.json`). */
export function issuerDid(origin: string, orgId: string): string {
  return `${didWebHost(origin)}:issuers:${orgId}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The organisation a DID of ours names, or null when it is not one of this platform's issuer DIDs. */
export function orgIdOfDid(origin: string, did: string): string | null {
  const prefix = `${didWebHost(origin)}:issuers:`;
  if (!did.startsWith(prefix)) return null;
  const orgId = did.slice(prefix.length);
  return UUID.test(orgId) ? orgId : null;
}

/** `<did>#key-<n>` → { did, keyNo }, or null for anything else. */
export function parseVerificationMethod(vm: string): { did: string; keyNo: number } | null {
  const m = /^(did:web:[^#\s]+)#key-([1-9][0-9]{0,8})$/.exec(vm);
  if (!m?.[1] || !m[2]) return null;
  return { did: m[1], keyNo: Number(m[2]) };
}

/** The status list credential URL of an issuer's list, and the list id it names (null when not ours). */
export function statusListUrl(origin: string, orgId: string, listId: string): string {
  return new URL(`/issuers/${orgId}/status/${listId}`, origin).toString();
}

export function parseStatusListUrl(origin: string, url: string): { orgId: string; listId: string } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.origin !== new URL(origin).origin || u.search || u.hash) return null;
  const m = /^\/issuers\/([^/]+)\/status\/([^/]+)$/.exec(u.pathname);
  if (!m?.[1] || !m[2] || !UUID.test(m[1]) || !UUID.test(m[2])) return null;
  return { orgId: m[1], listId: m[2] };
}

export interface KeyValidity {
  validFrom: Date;
  validUntil: Date | null;
}

/** A key is valid at `at` from its validFrom (inclusive) until its validUntil (exclusive); none = still valid. */
export function keyValidAt(key: KeyValidity, at: Date): boolean {
  return key.validFrom.getTime() <= at.getTime() && (key.validUntil === null || at.getTime() < key.validUntil.getTime());
}

/** Why a key does not cover an issue date: not yet valid, or its validity had ended. */
export function keyValidityReason(key: KeyValidity, at: Date): 'key.valid' | 'key.not_yet_valid' | 'key.expired' {
  if (at.getTime() < key.validFrom.getTime()) return 'key.not_yet_valid';
  if (key.validUntil !== null && at.getTime() >= key.validUntil.getTime()) return 'key.expired';
  return 'key.valid';
}

/** The key that signs now: of the given algorithm, valid at `now`, the newest such. */
export function signingKey<K extends KeyValidity & { algorithm: string; keyNo: number }>(keys: readonly K[], algorithm: string, now: Date): K | undefined {
  return keys.filter((k) => k.algorithm === algorithm && keyValidAt(k, now)).sort((a, b) => b.keyNo - a.keyNo)[0];
}

/** A status list has room for one more entry. */
export function listHasRoom(list: { nextIndex: number; length: number }): boolean {
  return list.nextIndex < list.length;
}

/** A W3C date-time as VC 2.0 wants it (`validFrom`), seconds precision, UTC. */
export function w3cDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `POST /api/public/verify` per client address: `limit` verifications per fixed window, then 429 until it ends. */
export interface RatePolicy {
  limit: number;
  windowSeconds: number;
}
export const VERIFY_RATE: RatePolicy = { limit: 60, windowSeconds: 60 };

/** A client's window: when it started and how many requests it counted. */
export interface RateWindow {
  count: number;
  windowStart: Date;
}

export type RateDecision = { allowed: true; next: RateWindow } | { allowed: false; retryAfterSeconds: number };

/** Count one request in the current window (a new window when the last one ended), or refuse past the limit. */
export function decideRate(state: RateWindow | undefined, now: Date, p: RatePolicy): RateDecision {
  const ends = state ? state.windowStart.getTime() + p.windowSeconds * 1000 : 0;
  if (!state || now.getTime() >= ends) return { allowed: true, next: { count: 1, windowStart: now } };
  if (state.count >= p.limit) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((ends - now.getTime()) / 1000)) };
  return { allowed: true, next: { count: state.count + 1, windowStart: state.windowStart } };
}

/** Whether a policy profile asks certificates to carry the SM2/SM3 (国密) signature too. */
export function guomiRequired(profile: Pick<PolicyProfile, 'guomiSignature'>): boolean {
  return profile.guomiSignature.value;
}
