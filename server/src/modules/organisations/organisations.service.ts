import { fieldIssue } from '@skillcert/shared/validation-key';
import type {
  CreateOrganisationBody,
  Major,
  MajorBody,
  Organisation,
  OrganisationDetail,
  OrganisationQuery,
  UpdateOrganisationBody,
} from '@skillcert/shared/api/organisations';
import type { OrgKind, SchoolType } from '@skillcert/shared/domain';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../http/errors.ts';
import { canManageMajors, canManageOrganisation, orgScopeOf, requireAction, requireOrgInScope } from '../access/policy.ts';
import { findRegion } from '../regions/regions.repository.ts';
import * as repo from './organisations.repository.ts';
import { checkCreditCode, checkSchoolFields } from './organisations.rules.ts';

export function presentOrganisation(r: repo.OrganisationRow): Organisation {
  return {
    id: r.id,
    kind: r.kind as OrgKind,
    name: r.name,
    regionCode: r.regionCode,
    regionName: r.regionName,
    creditCode: r.creditCode,
    creditCodeOverride: r.creditCodeOverride,
    schoolType: (r.schoolType as SchoolType | null) ?? null,
    runsThroughPrograms: r.runsThroughPrograms,
    active: r.active,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The organisation if the actor may see it; otherwise 404, as if it did not exist. */
export async function loadVisibleOrganisation(ctx: UseCaseContext, ex: Executor, id: string, forUpdate = false) {
  const org = await repo.findOrganisation(ex, id, forUpdate);
  if (!org) throw notFound('organisation');
  requireOrgInScope(ctx.actor, { id: org.id, kind: org.kind as OrgKind, regionCode: org.regionCode });
  return org;
}

export async function listOrganisations(ctx: UseCaseContext, q: OrganisationQuery) {
  requireAction(ctx.actor, 'org.read');
  const { items, total } = await repo.listOrganisations(ctx.db, orgScopeOf(ctx.actor), q, q.page, q.pageSize);
  return { items: items.map(presentOrganisation), total, page: q.page, pageSize: q.pageSize };
}

export async function getOrganisation(ctx: UseCaseContext, id: string): Promise<OrganisationDetail> {
  requireAction(ctx.actor, 'org.read');
  const org = await loadVisibleOrganisation(ctx, ctx.db, id);
  return { ...presentOrganisation(org), majors: await repo.listMajors(ctx.db, id) };
}

async function requireRegion(ex: Executor, code: string) {
  if (!(await findRegion(ex, code))) {
    throw unprocessable('ORG.REGION_UNKNOWN', { issues: [fieldIssue('body.regionCode', 'valid.unknownRegion')] });
  }
}

/** The field issue beside each school-fields refusal. */
const SCHOOL_FIELD_ISSUE = { 'ORG.SCHOOL_TYPE_REQUIRED': 'valid.schoolTypeRequired', 'ORG.SCHOOL_FIELDS_ONLY': 'valid.schoolFieldsOnly' } as const;

function creditCodeOrThrow(value: string | null | undefined, override: boolean | undefined) {
  const verdict = checkCreditCode(value, override === true);
  if (!verdict.ok) throw unprocessable(verdict.code, { issues: [fieldIssue('body.creditCode', `valid.creditCode.${verdict.reason}`)] });
  return verdict;
}

function translateUnique(err: unknown): never {
  if (isUniqueViolation(err, 'organisations_name_uq')) throw conflict('ORG.NAME_TAKEN', { issues: [fieldIssue('body.name', 'valid.taken')] });
  if (isUniqueViolation(err, 'organisations_credit_code_uq')) {
    throw conflict('ORG.CREDIT_CODE_TAKEN', { issues: [fieldIssue('body.creditCode', 'valid.taken')] });
  }
  if (isUniqueViolation(err, 'majors_org_code_uq')) throw conflict('ORG.MAJOR_TAKEN', { issues: [fieldIssue('body.code', 'valid.taken')] });
  throw err;
}

/** Check the region and the actor's jurisdiction, the school fields and the credit code; then save with its audit entry. */
export async function createOrganisation(ctx: UseCaseContext, body: CreateOrganisationBody): Promise<Organisation> {
  requireAction(ctx.actor, 'org.create');
  await requireRegion(ctx.db, body.regionCode);
  if (!canManageOrganisation(ctx.actor, body)) throw forbidden('ORG.REGION_OUT_OF_SCOPE');
  const school = checkSchoolFields(body.kind, body.schoolType, body.runsThroughPrograms);
  if (!school.ok) throw unprocessable(school.code, { issues: [fieldIssue('body.schoolType', SCHOOL_FIELD_ISSUE[school.code])] });
  const credit = creditCodeOrThrow(body.creditCode, body.creditCodeOverride);
  const id = await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const newId = await repo
      .insertOrganisation(tx, {
        kind: body.kind,
        name: body.name,
        regionCode: body.regionCode,
        creditCode: credit.value,
        creditCodeOverride: credit.override,
        schoolType: body.kind === 'school' ? (body.schoolType ?? null) : null,
        runsThroughPrograms: body.kind === 'school' ? (body.runsThroughPrograms ?? false) : false,
      })
      .catch(translateUnique);
    const created = await repo.findOrganisation(tx, newId);
    await audit({ action: 'org.create', targetType: 'organisation', targetId: newId, after: created });
    return newId;
  });
  const org = await repo.findOrganisation(ctx.db, id);
  if (!org) throw notFound('organisation');
  return presentOrganisation(org);
}

/** Lock the row, check jurisdiction over where it is and where it goes, apply, audit. */
export async function updateOrganisation(ctx: UseCaseContext, id: string, body: UpdateOrganisationBody): Promise<Organisation> {
  requireAction(ctx.actor, 'org.update');
  if (body.regionCode) await requireRegion(ctx.db, body.regionCode);
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const before = await loadVisibleOrganisation(ctx, tx, id, true);
    const kind = before.kind as OrgKind;
    // Schools maintain their majors; their registered particulars are kept by HR.
    if (!canManageOrganisation(ctx.actor, { kind, regionCode: before.regionCode, id })) throw forbidden();
    if (body.regionCode && !canManageOrganisation(ctx.actor, { kind, regionCode: body.regionCode, id })) {
      throw forbidden('ORG.REGION_OUT_OF_SCOPE');
    }
    const schoolType = body.schoolType !== undefined ? body.schoolType : (before.schoolType as SchoolType | null);
    const through = body.runsThroughPrograms ?? before.runsThroughPrograms;
    const school = checkSchoolFields(kind, schoolType, through);
    if (!school.ok) throw unprocessable(school.code, { issues: [fieldIssue('body.schoolType', SCHOOL_FIELD_ISSUE[school.code])] });
    const values: Parameters<typeof repo.updateOrganisation>[2] = {};
    if (body.name !== undefined) values.name = body.name;
    if (body.regionCode !== undefined) values.regionCode = body.regionCode;
    if (body.schoolType !== undefined) values.schoolType = body.schoolType;
    if (body.runsThroughPrograms !== undefined) values.runsThroughPrograms = body.runsThroughPrograms;
    if (body.active !== undefined) values.active = body.active;
    if (body.creditCode !== undefined) {
      const credit = creditCodeOrThrow(body.creditCode, body.creditCodeOverride);
      values.creditCode = credit.value;
      values.creditCodeOverride = credit.override;
    }
    await repo.updateOrganisation(tx, id, values).catch(translateUnique);
    const after = await repo.findOrganisation(tx, id);
    await audit({ action: 'org.update', targetType: 'organisation', targetId: id, before, after });
  });
  const org = await repo.findOrganisation(ctx.db, id);
  if (!org) throw notFound('organisation');
  return presentOrganisation(org);
}

async function loadSchoolForMajors(ctx: UseCaseContext, ex: Executor, orgId: string) {
  requireAction(ctx.actor, 'org.update');
  const org = await loadVisibleOrganisation(ctx, ex, orgId, true);
  if (org.kind !== 'school') throw new AppError(422, 'ORG.MAJORS_SCHOOL_ONLY');
  if (!canManageMajors(ctx.actor, { id: org.id, kind: 'school', regionCode: org.regionCode })) throw forbidden();
  return org;
}

export async function addMajor(ctx: UseCaseContext, orgId: string, body: MajorBody): Promise<Major> {
  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    await loadSchoolForMajors(ctx, tx, orgId);
    const major = await repo.insertMajor(tx, orgId, body.code, body.name).catch(translateUnique);
    await audit({ action: 'org.major.add', targetType: 'organisation', targetId: orgId, after: major });
    return major;
  });
}

export async function removeMajor(ctx: UseCaseContext, orgId: string, majorId: string): Promise<void> {
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    await loadSchoolForMajors(ctx, tx, orgId);
    const major = await repo.findMajor(tx, orgId, majorId);
    if (!major) throw notFound('major');
    await repo.deleteMajor(tx, majorId);
    await audit({ action: 'org.major.remove', targetType: 'organisation', targetId: orgId, before: major });
  });
}
