import type { OrgKind } from '@skillcert/shared/domain';
import type {
  CertificateStats,
  CoverageStats,
  Dashboard,
  FilingCoverageStats,
  OnePlusXStats,
  PassRateStats,
  StatFilter,
  SubsidyStats,
  TalentStats,
} from '@skillcert/shared/api/statistics';
import { isWithinRegion, regionPrefix } from '@skillcert/shared/validators/region-code';
import type { UseCaseContext } from '../../context.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { orgScopeOf, requireAction, requireOrgInScope } from '../access/policy.ts';
import { chinaDateTime } from '../exams/exams.rules.ts';
import { profileForRegion } from '../policies/policies.rules.ts';
import { lineSuspended, standingStatus } from '../sanctions/sanctions.rules.ts';
import * as repo from './statistics.repository.ts';
import {
  childDigits,
  childRegionOf,
  dayRange,
  fillMonths,
  filingCoverage as shapeFilingCoverage,
  onePlusX as shapeOnePlusX,
  rateOf,
  resolvePeriod,
  schoolCoverage,
} from './statistics.rules.ts';
import { statisticsWorkbook } from './statistics.excel.ts';

/**
 * Dashboards (统计看板) scoped by region and role: an HR or education bureau sees its region and below, a school itself,
 * the platform everything. A region or school outside the reader's scope is reported missing (404), as everywhere.
 */
async function scopeOf(ctx: UseCaseContext, f: StatFilter): Promise<repo.StatScope> {
  requireAction(ctx.actor, 'statistics.read');
  const own = orgScopeOf(ctx.actor);
  const scope: repo.StatScope = {
    prefix: own.kind === 'region' ? regionPrefix(own.regionCode) : null,
    orgId: own.kind === 'org' ? own.orgId : null,
  };
  if (f.region) {
    if (!(await repo.regionExists(ctx.db, f.region))) throw notFound('region');
    const readerRegion = own.kind === 'region' ? own.regionCode : own.kind === 'org' ? null : undefined;
    if (readerRegion && !isWithinRegion(readerRegion, f.region)) throw notFound('region');
    // A school reads only itself: a region filter must contain it.
    if (own.kind === 'org' && !isWithinRegion(f.region, ctx.actor.regionCode)) throw notFound('region');
    if (own.kind !== 'org') scope.prefix = regionPrefix(f.region);
  }
  if (f.orgId) {
    const org = await repo.findOrg(ctx.db, f.orgId);
    if (!org || org.kind !== 'school') throw notFound('organisation');
    requireOrgInScope(ctx.actor, { id: org.id, kind: org.kind as OrgKind, regionCode: org.regionCode });
    if (scope.prefix && !org.regionCode.startsWith(scope.prefix)) throw notFound('organisation');
    scope.orgId = org.id;
  }
  return scope;
}

function periodOf(f: StatFilter) {
  const period = resolvePeriod(f, chinaDateTime(new Date()).date.slice(0, 7));
  if (!period) throw badRequest('STATISTICS.PERIOD_TOO_LONG');
  return period;
}

async function queryOf(ctx: UseCaseContext, f: StatFilter) {
  const scope = await scopeOf(ctx, f);
  const period = periodOf(f);
  return { period, q: { scope, ...dayRange(period), occupation: f.occupation, level: f.level } satisfies repo.StatQuery };
}

/** Certificates by occupation / level / institution / month / kind; a revoked certificate never counts as valid. */
export async function certificateStats(ctx: UseCaseContext, f: StatFilter): Promise<CertificateStats> {
  const { period, q } = await queryOf(ctx, f);
  const rows = await repo.certificateGroups(ctx.db, q);
  const total = rows.find((r) => r.gm && r.go && r.gl && r.gi && r.gk);
  const names = await repo.orgNames(
    ctx.db,
    rows.filter((r) => !r.gi && r.org_id).map((r) => r.org_id as string),
  );
  const byCount = <T extends { count: number }>(xs: T[]) => xs.filter((x) => x.count > 0).sort((a, b) => b.count - a.count);
  return {
    ...period,
    total: total?.valid ?? 0,
    revoked: total?.revoked ?? 0,
    byMonth: fillMonths(
      period,
      rows.filter((r) => !r.gm).map((r) => ({ month: r.month ?? '', count: r.valid })),
      { count: 0 },
    ),
    byOccupation: byCount(rows.filter((r) => !r.go).map((r) => ({ code: r.occ_code ?? '', name: r.occ_name ?? '', count: r.valid }))),
    byLevel: byCount(rows.filter((r) => !r.gl).map((r) => ({ level: r.level, count: r.valid }))).sort((a, b) => (b.level ?? 0) - (a.level ?? 0)),
    byInstitution: byCount(rows.filter((r) => !r.gi).map((r) => ({ orgId: r.org_id ?? '', name: names.get(r.org_id ?? '') ?? '', count: r.valid }))),
    byKind: byCount(rows.filter((r) => !r.gk).map((r) => ({ kind: r.kind ?? '', count: r.valid }))),
  };
}

/** Pass rates of the part results recorded in the period, by part, occupation and level. */
export async function passRateStats(ctx: UseCaseContext, f: StatFilter): Promise<PassRateStats> {
  const { period, q } = await queryOf(ctx, f);
  const rows = await repo.passGroups(ctx.db, q);
  const rate = (r: repo.PassGroupRow) => ({ sat: r.sat, passed: r.passed, rate: rateOf(r.sat, r.passed) });
  return {
    ...period,
    byPart: rows.filter((r) => !r.gp).map((r) => ({ part: r.part ?? '', ...rate(r) })),
    byOccupation: rows
      .filter((r) => r.gp && !r.go)
      .map((r) => ({ code: r.occ_code ?? '', name: r.occ_name ?? '', ...rate(r) }))
      .sort((a, b) => b.sat - a.sat),
    byLevel: rows
      .filter((r) => r.gp && r.go)
      .map((r) => ({ level: r.level, ...rate(r) }))
      .sort((a, b) => (b.level ?? 0) - (a.level ?? 0)),
  };
}

/** R11: subsidies paid (职业技能提升补贴) by region, month and level. */
export async function subsidyStats(ctx: UseCaseContext, f: StatFilter): Promise<SubsidyStats> {
  const { period, q } = await queryOf(ctx, f);
  const rows = await repo.subsidyGroups(ctx.db, q);
  const total = rows.find((r) => r.gr && r.gm && r.gl);
  const regions = await repo.regionNames(
    ctx.db,
    rows.filter((r) => !r.gr && r.region_code).map((r) => r.region_code as string),
  );
  return {
    ...period,
    amount: total?.amount ?? 0,
    count: total?.count ?? 0,
    byRegion: rows
      .filter((r) => !r.gr)
      .map((r) => ({ regionCode: r.region_code ?? '', regionName: regions.get(r.region_code ?? '') ?? '', amount: r.amount, count: r.count }))
      .sort((a, b) => b.amount - a.amount),
    byMonth: fillMonths(
      period,
      rows.filter((r) => !r.gm).map((r) => ({ month: r.month ?? '', amount: r.amount, count: r.count })),
      { amount: 0, count: 0 },
    ),
    byLevel: rows
      .filter((r) => !r.gl && r.level !== null)
      .map((r) => ({ level: r.level as number, amount: r.amount, count: r.count }))
      .sort((a, b) => b.level - a.level),
  };
}

/**
 * R13: per school, the share of its majors whose graduating students can be certified, against the profile's target.
 * A line recorded suspended counts again once its suspension's last day has passed (R14: the sanctions rules read the
 * last days that come with the majors, in the same statement).
 */
export async function coverageStats(ctx: UseCaseContext, f: StatFilter): Promise<CoverageStats> {
  const scope = await scopeOf(ctx, f);
  const majors = await repo.majorsWithCoverage(ctx.db, scope);
  const now = new Date();
  const inForce = (p: repo.PendingLine) =>
    standingStatus({ status: p.status, suspendedUntil: p.institutionUntil }, now) === 'listed' &&
    !lineSuspended({ suspendedAt: p.suspendedAt ? new Date(p.suspendedAt) : null, suspendedUntil: p.lineUntil }, now);
  const key = (m: { orgId: string; code: string }) => `${m.orgId}|${m.code}`;
  const byScope = new Set(majors.filter((m) => m.byScope || (m.pending ?? []).some(inForce)).map(key));
  const byExternal = new Set(majors.filter((m) => m.byExternal).map(key));
  // The target is the profile's, and a profile is a province's: looked up once per province, not once per school.
  const targets = new Map<string, number>();
  const targetOf = (region: string) => {
    const province = region.slice(0, 2);
    let t = targets.get(province);
    if (t === undefined) {
      t = profileForRegion(region, now).majorCoverageTarget.value;
      targets.set(province, t);
    }
    return t;
  };
  const schools = schoolCoverage(majors, byScope, byExternal, targetOf);
  const total = schools.reduce((s, x) => s + x.majors, 0);
  const covered = schools.reduce((s, x) => s + x.covered, 0);
  return { schools, majors: total, covered, share: rateOf(total, covered) };
}

/**
 * R13 (Fujian): filed institutions against all vocational schools of the region, with the profile's target. A school
 * is filed while one of its institutions stands listed (R14: a suspension past its last day reads listed again).
 * One statement: the schools with their region one level below the reader's and its name, and the last days of the
 * suspensions in force.
 */
export async function filingCoverageStats(ctx: UseCaseContext, f: StatFilter): Promise<FilingCoverageStats> {
  const scope = await scopeOf(ctx, f);
  const digits = childDigits(scope.prefix);
  const rows = await repo.schoolFilings(ctx.db, scope, digits);
  const now = new Date();
  const schools = rows.map((s) => ({
    orgId: s.orgId,
    name: s.name,
    regionCode: s.regionCode,
    filed: s.listed || (s.suspendedUntil ?? []).some((until) => standingStatus({ status: 'suspended', suspendedUntil: until }, now) === 'listed'),
  }));
  const names = new Map(rows.flatMap((s) => (s.groupCode && s.groupName ? [[s.groupCode, s.groupName] as const] : [])));
  const shaped = shapeFilingCoverage(
    schools,
    (code) => childRegionOf(scope.prefix, code),
    (code) => names.get(code) ?? code,
  );
  const region = f.region ?? (scope.prefix ? scope.prefix.padEnd(6, '0') : null) ?? ctx.actor.regionCode;
  const target = profileForRegion(region).filingCoverageTarget;
  return { ...shaped, target: target.value ? { ...target.value, source: target.source } : null };
}

/** R12: 1+X counts over 职业资格, 职业技能等级 and 专项职业能力 certificates — ours (valid) and from other channels. */
export async function onePlusXStats(ctx: UseCaseContext, f: StatFilter): Promise<OnePlusXStats> {
  const { period, q } = await queryOf(ctx, f);
  const [ours, external] = await Promise.all([repo.ourCertificatesByKind(ctx.db, q), repo.externalCertificatesByKind(ctx.db, q)]);
  return { ...period, ...shapeOnePlusX(ours, external) };
}

/** R11: skill-talent statistics — distinct holders of valid certificates by level per region (one level below the reader's). */
export async function talentStats(ctx: UseCaseContext, f: StatFilter): Promise<TalentStats> {
  const { period, q } = await queryOf(ctx, f);
  const digits = childDigits(q.scope.prefix);
  // Holders now (R11 counts the talent pool): the period does not narrow it; scope, level and occupation do.
  const rows = q.occupation
    ? await repo.holderGroupsOfOccupation(ctx.db, q.scope, digits, q.occupation, q.level)
    : await repo.holderGroups(ctx.db, q.scope, digits, q.level);
  const names = await repo.regionNames(
    ctx.db,
    rows.filter((r) => !r.gr && r.region).map((r) => r.region as string),
  );
  return {
    ...period,
    rows: rows
      .filter((r) => !r.gr)
      .map((r) => ({ regionCode: r.region ?? '', regionName: names.get(r.region ?? '') ?? r.region ?? '', level: r.level ?? 0, holders: r.holders }))
      .sort((a, b) => (a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : b.level - a.level)),
    holders: rows.find((r) => r.gr)?.holders ?? 0,
  };
}

const LOADERS = {
  certificates: certificateStats,
  'pass-rates': passRateStats,
  subsidies: subsidyStats,
  coverage: coverageStats,
  'filing-coverage': filingCoverageStats,
  'one-plus-x': onePlusXStats,
  talent: talentStats,
} satisfies Record<Dashboard, (ctx: UseCaseContext, f: StatFilter) => Promise<unknown>>;

/** A dashboard's figures as Excel (one sheet per chart, Chinese column titles), the same filters and scope as on screen. */
export async function exportDashboard(ctx: UseCaseContext, dashboard: Dashboard, f: StatFilter) {
  const data = await LOADERS[dashboard](ctx, f);
  return { file: await statisticsWorkbook(dashboard, data), name: `统计-${dashboard}.xlsx` };
}
