import { institutionMayOperate } from '../sanctions/sanctions.rules.ts';
/**
 * Issuing certificates (DOMAIN §2 step 9, §7; R9, R10) as pure functions: the number, the serial's name, who may issue
 * for a plan and when, and who may revoke. The number of a 职业技能等级证书 is 22 characters: positions 1–13 the
 * institution's prefix (fixed when it was listed), 14–15 the year of issue, 16 the level, 17–22 the institution's
 * serial for that year and level.
 */

import { CERTIFICATE_NUMBER } from '@skillcert/shared/api/certificates';
import { type SkillLevel, SKILL_LEVELS } from '@skillcert/shared/domain';
import { MAX_SERIAL, printedLevel } from './certificates.rules.ts';

export { printedWorkType as workTypeText } from './certificates.rules.ts';

export type CertificateKind = 'skill_level' | 'special_ability' | 'qualification';

/** Two digits of the year of issue in China time (UTC+8, no DST). */
export function issueYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear() % 100;
}

/** The issue date in China time, YYYY-MM-DD. */
export function issueDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The level digit of position 16: 1–5 for a skill level; 0 for a 专项职业能力 certificate, which has no level (our choice: §7 is silent). */
export function levelDigit(kind: CertificateKind, level: number | null): number {
  return kind === 'special_ability' || level === null ? 0 : level;
}

/** The name of the `serials` row numbering an institution's certificates of one year and level. */
export function serialName(prefix: string, yy: number, digit: number): string {
  return `cert:${prefix}:${String(yy).padStart(2, '0')}:${digit}`;
}

export function certificateNumber(prefix: string, yy: number, digit: number, serial: number): string {
  if (prefix.length !== 13) throw new Error('certificate prefix must be 13 characters');
  if (!Number.isInteger(serial) || serial < 1 || serial > MAX_SERIAL) throw new Error('certificate serial out of range');
  return `${prefix}${String(yy).padStart(2, '0')}${digit}${String(serial).padStart(6, '0')}`;
}

/** The 22-character format (the edge's schema, packages/shared). */
export function isCertificateNumber(s: string): boolean {
  return CERTIFICATE_NUMBER.test(s);
}

export type IssueRefusal =
  | 'CERT.PUBLICITY_NOT_CLOSED'
  | 'CERT.INSTITUTION_SUSPENDED'
  | 'CERT.OUT_OF_SCOPE'
  | 'CERT.ALREADY_ISSUED'
  | 'CERT.NOTHING_TO_ISSUE'
  | 'CERT.SERIAL_EXHAUSTED';

export interface IssueFacts {
  plan: { status: string; level: number | null };
  /** `suspendedUntil`: the last day of a suspension set for a period (R14: issuance resumes the day after). */
  institution: { status: string; validTo: string; suspendedUntil?: string | null } | null;
  /** The plan's occupation (or 专项 item) and level are in the institution's (unsuspended) scope. */
  inScope: boolean;
  publicity: { closesAt: Date } | null;
  now: Date;
}

/**
 * R9 "谁评价、谁发证": the institution that ran the plan issues, once its publicity (公示) has closed, while it is
 * listed and the plan's line is in its scope. An earlier certificate of a suspended institution still verifies; only new
 * issuance stops.
 */
export function mayIssue(f: IssueFacts): IssueRefusal | null {
  if (!f.publicity || f.now <= f.publicity.closesAt || !['publicity', 'closed'].includes(f.plan.status)) return 'CERT.PUBLICITY_NOT_CLOSED';
  // R14 (sanctions): the same rule every operating path applies; a suspended line shows as out of scope below.
  if (!f.institution || institutionMayOperate(f.institution, null, f.now)) return 'CERT.INSTITUTION_SUSPENDED';
  if (!f.inScope) return 'CERT.OUT_OF_SCOPE';
  return null;
}

/** Serials left for `n` more certificates of one year and level (a six-digit field). */
export function serialsFor(current: number, n: number): { first: number; last: number } | null {
  const first = current + 1;
  const last = current + n;
  return last > MAX_SERIAL ? null : { first, last };
}

export type RevokeAs = 'issuer' | 'hr';

/** Who revokes (R9): the issuer of its own certificates; HR over the issuer's region, on a violation. */
export function revokeRole(actor: { orgKind: string; orgId: string }, cert: { issuerOrgId: string | null; institutionOrgId: string | null }): RevokeAs | null {
  if (actor.orgKind === 'hr_bureau') return 'hr';
  if (actor.orgId === cert.issuerOrgId || actor.orgId === cert.institutionOrgId) return 'issuer';
  return null;
}

/** 补发 (lost) or 换发 (damaged): the same number, the next print serial. */
export function nextPrintSerial(current: number): number {
  return current + 1;
}

/** The level as printed (人社鉴发〔2021〕1号): `三级/高级工`; `--` when the certificate has none (专项). */
export function levelText(level: number | null): string {
  return level !== null && (SKILL_LEVELS as readonly number[]).includes(level) ? printedLevel(level as SkillLevel) : '--';
}

export const KIND_TITLES: Record<CertificateKind, string> = {
  skill_level: '职业技能等级证书',
  special_ability: '专项职业能力证书',
  qualification: '国家职业资格证书',
};
