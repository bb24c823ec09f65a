import type { CreateFilingBody, FilingBody, FilingDetail, FilingKind, RosterAssessor, ScopeLine } from '@skillcert/shared/api/filings';
import type { SkillLevel } from '@skillcert/shared/domain';

/** One scope line as the form edits it (any part may still be empty). */
export interface ScopeLineValues {
  occupationCode?: string;
  level?: SkillLevel;
  workType?: string;
  specialItemId?: string;
}

export interface SiteValues {
  name?: string;
  address?: string;
  capacity?: number;
  owned?: boolean;
}

export interface AssessorValues {
  name?: string;
  certificateNo?: string;
  occupationCode?: string;
  affiliation?: RosterAssessor['affiliation'];
}

export interface FilingFormValues {
  kind: FilingKind;
  contactName?: string;
  contactPhone?: string;
  scope?: ScopeLineValues[];
  sites?: SiteValues[];
  assessors?: AssessorValues[];
  attachmentIds?: string[];
  note?: string;
}

export const EMPTY_SITE: SiteValues = { owned: true, capacity: 30 };
export const EMPTY_ASSESSOR: AssessorValues = { affiliation: 'teacher' };

/**
 * A new application starts with one empty line of each list and the user as contact; a 增设 (expansion) needs
 * no sites or assessors (the institution has them), so its lists start empty.
 */
export function initialFormValues(
  filing: FilingDetail | undefined,
  opts: { kind?: FilingKind; contactName?: string; expansion?: boolean } = {},
): FilingFormValues {
  if (!filing) {
    const { kind = 'skill_level', contactName, expansion = false } = opts;
    return {
      kind,
      contactName,
      scope: [{}],
      sites: expansion ? [] : [{ ...EMPTY_SITE }],
      assessors: expansion ? [] : [{ ...EMPTY_ASSESSOR }],
      attachmentIds: [],
    };
  }
  return {
    kind: filing.kind,
    contactName: filing.contactName,
    contactPhone: filing.contactPhone,
    note: filing.note ?? undefined,
    scope: filing.scope.map((l) => ({
      occupationCode: l.occupationCode ?? undefined,
      level: l.level ?? undefined,
      workType: l.workType ?? undefined,
      specialItemId: l.specialItemId ?? undefined,
    })),
    sites: filing.sites.map((s) => ({ ...s })),
    assessors: filing.assessors.map((a) => ({ ...a })),
    attachmentIds: [...filing.attachmentIds],
  };
}

const text = (v: string | undefined) => (v ?? '').trim();

/**
 * The request body. Blank rows are dropped (a draft may be incomplete; submission checks completeness),
 * a skill-level line carries occupation + level (+ 工种), a 专项 line its item only.
 */
export function filingBody(v: FilingFormValues): FilingBody {
  const note = text(v.note);
  return {
    kind: v.kind,
    contactName: text(v.contactName),
    contactPhone: text(v.contactPhone),
    scope: (v.scope ?? []).flatMap((l): ScopeLine[] => {
      if (v.kind === 'special_ability') return l.specialItemId ? [{ specialItemId: l.specialItemId }] : [];
      if (!l.occupationCode) return [];
      return [{ occupationCode: l.occupationCode, ...(l.level ? { level: l.level } : {}), ...(l.workType ? { workType: l.workType } : {}) }];
    }),
    sites: (v.sites ?? [])
      .filter((s) => text(s.name) || text(s.address))
      .map((s) => ({ name: text(s.name), address: text(s.address), capacity: s.capacity ?? 1, owned: s.owned ?? true })),
    assessors: (v.assessors ?? [])
      .filter((a) => text(a.name) || text(a.certificateNo))
      .map((a) => ({
        name: text(a.name),
        certificateNo: text(a.certificateNo),
        affiliation: a.affiliation ?? 'teacher',
        ...(a.occupationCode ? { occupationCode: a.occupationCode } : {}),
      })),
    attachmentIds: v.attachmentIds ?? [],
    ...(note ? { note } : {}),
  };
}

export function createFilingBody(v: FilingFormValues, institutionId: string | undefined): CreateFilingBody {
  return { ...filingBody(v), ...(institutionId ? { institutionId } : {}) };
}
