import { parseIdCard } from '@skillcert/shared/validators/id-card';
import type { ExternalChannel, ExternalKind } from '@skillcert/shared/api/external-certificates';
import { certificateNumberProblem } from '../certificates/certificates.rules.ts';

/**
 * Certificates from other channels (issue 14 item 3, R12): pure checks of what a school records, and the 1+X counts.
 *
 * Number formats by kind:
 * - skill_level (职业技能等级证书): the 22-character number of DOMAIN.md §7 (certificates.rules parser); its level digit
 *   (position 16) is the certificate's level and its year (14–15) the issue date's.
 * - qualification (国家职业资格证书): the older 16-digit number, or a 22-character one of the new form. The 16 digits are
 *   the 职业资格证书编码 of 劳动和社会保障部's 职业技能鉴定机构和证书编码方案 as it is commonly documented (source read:
 *   https://chengde.tv/news/2022/0814/19207083/54411.html and the 百科 text quoted at http://m.yrrd.cn/dadarbgr/rbgervhe):
 *     1–2 year of issue (last two digits) · 3–4 province or State Council industry department · 5–6 city (发证地市) ·
 *     7 kind of assessing body 0–4 (0 指导中心, 1 国家鉴定所, 2 地方鉴定站, 3 行业特有工种鉴定站, 4 企业内鉴定) ·
 *     8–10 the body's serial · 11 level 1–5 (5 = 五级/初级 … 1 = 一级/高级技师) · 12–16 serial of the year and level 00001–99999.
 *   Positions 3–4 may be an industry department's code, not a province, so they are only checked to be digits.
 * - special_ability, competition, enterprise: free text, trimmed, 1–64 characters of letters, digits and - _ / . ( ) and
 *   single spaces (no control characters).
 */

export const EXTERNAL_NUMBER_MAX = 64;
export const EARLIEST_ISSUE_DAY = '1990-01-01';

export type NumberProblem =
  | 'empty'
  | 'too_long'
  | 'characters'
  | 'shape' // neither the 22-character nor (for qualifications) the 16-digit form
  | 'level_mismatch'
  | 'year_mismatch';

/** The older 16-digit 职业资格证书 number taken apart, or why it is not one. */
export type LegacyProblem = 'length' | 'digits' | 'body_kind' | 'level' | 'serial';
export interface LegacyNumberParts {
  yy: string;
  area: string;
  city: string;
  bodyKind: number;
  bodySerial: string;
  level: number;
  serial: number;
}

export function legacyNumberProblem(value: string): LegacyProblem | null {
  if (value.length !== 16) return 'length';
  if (!/^\d{16}$/.test(value)) return 'digits';
  if (!/[0-4]/.test(value[6] ?? '')) return 'body_kind';
  if (!/[1-5]/.test(value[10] ?? '')) return 'level';
  if (value.slice(11) === '00000') return 'serial';
  return null;
}

export function parseLegacyNumber(value: string): LegacyNumberParts | null {
  if (legacyNumberProblem(value)) return null;
  return {
    yy: value.slice(0, 2),
    area: value.slice(2, 4),
    city: value.slice(4, 6),
    bodyKind: Number(value[6]),
    bodySerial: value.slice(7, 10),
    level: Number(value[10]),
    serial: Number(value.slice(11)),
  };
}

const FREE_TEXT = /^[\p{L}\p{N}\-_/.()（）]+( [\p{L}\p{N}\-_/.()（）]+)*$/u;

/** Trims and collapses runs of white space to one space (numbers typed or pasted from a cell). */
export function normaliseNumber(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ');
}

export interface NumberFacts {
  kind: ExternalKind;
  number: string;
  level: number | null;
  issuedOn: string;
}

/** The first problem of a (normalised) external certificate number for its kind, or null. */
export function externalNumberProblem(f: NumberFacts): NumberProblem | null {
  const n = f.number;
  if (!n) return 'empty';
  if (n.length > EXTERNAL_NUMBER_MAX) return 'too_long';
  const yy = f.issuedOn.slice(2, 4);
  if (f.kind === 'skill_level' || f.kind === 'qualification') {
    if (certificateNumberProblem(n) === null) {
      if (f.level !== null && Number(n[15]) !== f.level) return 'level_mismatch';
      if (n.slice(13, 15) !== yy) return 'year_mismatch';
      return null;
    }
    if (f.kind === 'qualification' && legacyNumberProblem(n) === null) {
      if (f.level !== null && Number(n[10]) !== f.level) return 'level_mismatch';
      if (n.slice(0, 2) !== yy) return 'year_mismatch';
      return null;
    }
    return 'shape';
  }
  return FREE_TEXT.test(n) ? null : 'characters';
}

/** Which kinds carry a level 1–5 (required) and which have none. */
export function levelProblem(kind: ExternalKind, level: number | null): 'required' | 'not_allowed' | null {
  if (kind === 'skill_level' || kind === 'qualification') return level === null ? 'required' : null;
  if (kind === 'special_ability') return level === null ? null : 'not_allowed';
  return null;
}

/** A channel takes only some kinds: the external issuing authority (national) issues 国家职业资格证书 only. */
export function channelProblem(kind: ExternalKind, channel: ExternalChannel): boolean {
  if (channel === 'national') return kind !== 'qualification';
  if (channel === 'competition') return kind === 'enterprise';
  return false;
}

/** Issue date: a real day, not after today, not before 1990. */
export function issueDateProblem(day: string, today: string): 'format' | 'future' | 'too_early' | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return 'format';
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) return 'format';
  if (day > today) return 'future';
  if (day < EARLIEST_ISSUE_DAY) return 'too_early';
  return null;
}

const OTHER_ID = /^[A-Za-z0-9-]{5,30}$/;

export interface HolderFacts {
  idType: string;
  idNumber: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
}

/** The holder's ID number checked (GB 11643 for 居民身份证); gender and birth date from it, or as given for other documents. */
export function checkHolderId(
  h: HolderFacts,
): { ok: true; value: string; gender: 'male' | 'female' | null; birthDate: string | null } | { ok: false; problem: 'id_number' } {
  const raw = h.idNumber.trim().toUpperCase();
  if (h.idType === 'resident_id') {
    const p = parseIdCard(raw);
    if (!p.ok) return { ok: false, problem: 'id_number' };
    return { ok: true, value: raw, gender: p.gender, birthDate: p.birthDate };
  }
  if (!OTHER_ID.test(raw)) return { ok: false, problem: 'id_number' };
  return { ok: true, value: raw, gender: h.gender, birthDate: h.birthDate };
}

// --- R12: 1+X counts ------------------------------------------------------------------------------------------------

/** A certificate as the counts see it: ours or external, either way. */
export interface CountedCertificate {
  kind: string;
  personId: string;
  majorCode: string | null;
  /** recorded / valid count; withdrawn / revoked do not. */
  status: string;
}

export interface OneXCounts {
  /** R12: 1+X counts 职业资格, 职业技能等级 and 专项职业能力 certificates — nothing else. */
  qualification: number;
  skillLevel: number;
  specialAbility: number;
  total: number;
  /** Distinct holders of at least one counted certificate. */
  holders: number;
  /** Per major of the school: certificates and holders; coverage = majors with at least one / all majors. */
  majors: { code: string; certificates: number; holders: number }[];
  majorsCovered: number;
  coverage: number;
}

const COUNTED: Record<string, 'qualification' | 'skillLevel' | 'specialAbility'> = {
  qualification: 'qualification',
  skill_level: 'skillLevel',
  special_ability: 'specialAbility',
};
const LIVE = new Set(['recorded', 'valid']);

/** R12 counts over certificate rows (ours and external); `majorCodes`: the school's majors (coverage, R13). */
export function oneXCounts(rows: readonly CountedCertificate[], majorCodes: readonly string[]): OneXCounts {
  const c = { qualification: 0, skillLevel: 0, specialAbility: 0 };
  const holders = new Set<string>();
  const byMajor = new Map<string, { certificates: number; holders: Set<string> }>(majorCodes.map((m) => [m, { certificates: 0, holders: new Set() }]));
  for (const r of rows) {
    const key = COUNTED[r.kind];
    if (!key || !LIVE.has(r.status)) continue;
    c[key] += 1;
    holders.add(r.personId);
    const m = r.majorCode ? byMajor.get(r.majorCode) : undefined;
    if (m) {
      m.certificates += 1;
      m.holders.add(r.personId);
    }
  }
  const majors = [...byMajor].map(([code, m]) => ({ code, certificates: m.certificates, holders: m.holders.size }));
  const majorsCovered = majors.filter((m) => m.certificates > 0).length;
  return {
    ...c,
    total: c.qualification + c.skillLevel + c.specialAbility,
    holders: holders.size,
    majors,
    majorsCovered,
    coverage: majors.length ? majorsCovered / majors.length : 0,
  };
}

// --- a whole record ---------------------------------------------------------------------------------------------------

/** One certificate as the form or a workbook row gives it (text trimmed; null where a cell is empty or unreadable). */
export interface RecordInput {
  holderName: string;
  idType: string | null;
  idNumber: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  kind: ExternalKind | null;
  channel: ExternalChannel | null;
  issuerName: string;
  number: string;
  occupationCode: string | null;
  occupationName: string;
  workType: string | null;
  level: number | null;
  issuedOn: string;
  majorCode: string | null;
}

export interface RecordFacts {
  today: string;
  /** The school's majors (codes). */
  majorCodes: ReadonlySet<string>;
  /** Occupation codes found in the catalog among those given. */
  occupationCodes: ReadonlySet<string>;
}

export interface FieldProblem {
  field: keyof RecordInput;
  code: string;
  params?: Record<string, string | number>;
}

const TEXT_LIMITS: Partial<Record<keyof RecordInput, number>> = { holderName: 50, issuerName: 100, occupationName: 100, workType: 100 };

/** Every problem of a record, in field order; empty when it may be recorded. */
export function recordProblems(r: RecordInput, facts: RecordFacts): FieldProblem[] {
  const out: FieldProblem[] = [];
  const required = (field: keyof RecordInput, v: unknown) => {
    if (v === null || v === '') out.push({ field, code: 'EXTCERT.REQUIRED' });
    return v !== null && v !== '';
  };
  for (const [field, max] of Object.entries(TEXT_LIMITS) as [keyof RecordInput, number][]) {
    const v = r[field];
    if (typeof v === 'string' && v.length > max) out.push({ field, code: 'EXTCERT.TOO_LONG', params: { max } });
  }
  required('holderName', r.holderName);
  if (required('idType', r.idType) && required('idNumber', r.idNumber)) {
    const id = checkHolderId({ idType: r.idType ?? '', idNumber: r.idNumber, gender: r.gender, birthDate: r.birthDate });
    if (!id.ok) out.push({ field: 'idNumber', code: 'EXTCERT.ID_NUMBER' });
  }
  const kindOk = required('kind', r.kind);
  const channelOk = required('channel', r.channel);
  if (kindOk && channelOk && r.kind && r.channel && channelProblem(r.kind, r.channel)) out.push({ field: 'channel', code: 'EXTCERT.CHANNEL_KIND' });
  required('issuerName', r.issuerName);
  required('occupationName', r.occupationName);
  if (r.occupationCode && !facts.occupationCodes.has(r.occupationCode)) out.push({ field: 'occupationCode', code: 'EXTCERT.OCCUPATION_UNKNOWN' });
  if (r.level !== null && !(Number.isInteger(r.level) && r.level >= 1 && r.level <= 5)) out.push({ field: 'level', code: 'EXTCERT.LEVEL_RANGE' });
  else if (r.kind) {
    const lp = levelProblem(r.kind, r.level);
    if (lp) out.push({ field: 'level', code: lp === 'required' ? 'EXTCERT.LEVEL_REQUIRED' : 'EXTCERT.LEVEL_NOT_ALLOWED' });
  }
  let dateOk = false;
  if (required('issuedOn', r.issuedOn)) {
    const dp = issueDateProblem(r.issuedOn, facts.today);
    if (dp === 'future') out.push({ field: 'issuedOn', code: 'EXTCERT.ISSUED_IN_FUTURE' });
    else if (dp) out.push({ field: 'issuedOn', code: 'EXTCERT.ISSUE_DATE' });
    dateOk = dp === null;
  }
  if (required('number', r.number) && r.kind) {
    const np = externalNumberProblem({ kind: r.kind, number: r.number, level: r.level, issuedOn: dateOk ? r.issuedOn : '0000-00-00' });
    if (np && !(np === 'year_mismatch' && !dateOk)) out.push({ field: 'number', code: `EXTCERT.NUMBER_${np.toUpperCase()}` });
  }
  if (r.majorCode && !facts.majorCodes.has(r.majorCode)) out.push({ field: 'majorCode', code: 'EXTCERT.MAJOR_UNKNOWN' });
  return out;
}
