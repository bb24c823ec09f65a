import type { SkillLevel } from '@skillcert/shared/domain';
import { CATALOG_EDITION, CATALOG_FORMER_CODES, CATALOG_GROUPS, CATALOG_OCCUPATIONS, CATALOG_STANDARDS } from './catalog-2022.generated.ts';
import { OCCUPATIONS, type OccupationSeed } from './occupations.data.ts';

/**
 * The shipped catalog: every occupation of the 2022 大典 (catalog-2022.generated.ts) merged with the researched
 * entries of occupations.data.ts (levels, standard, 工种, English name), which win where they exist, and with the
 * standards index (scripts/catalog/standards-index.txt) for occupations not researched there.
 */

const ALL_LEVELS: SkillLevel[] = [5, 4, 3, 2, 1];

export interface CatalogOccupation {
  code: string;
  name: string;
  nameEn: string | null;
  levels: SkillLevel[];
  levelsVerified: boolean;
  standardYear: number | null;
  standardCode: string | null;
  standardStatus: 'published' | 'none' | 'unknown';
  workTypes: string[];
  formerCodes: string[];
  initials: string;
  markings: ('L' | 'S')[];
  skill: boolean;
  addedIn: string | null;
}

type StandardRow = (typeof CATALOG_STANDARDS)[number];

function merge(row: (typeof CATALOG_OCCUPATIONS)[number], seed: OccupationSeed | undefined, standard: StandardRow | undefined): CatalogOccupation {
  const [code, name, initials, marks, skill, addedIn] = row;
  const markings = [...marks].filter((m): m is 'L' | 'S' => m === 'L' || m === 'S');
  const base = { code, name, initials, markings, skill: skill === 1, addedIn: addedIn || null };
  if (!seed && standard) {
    // A published standard read from the index: its year and printed code; the level set the source states, or the
    // five levels when it states none — never read from the standard itself, so unverified.
    const [, year, printed, levels] = standard;
    return {
      ...base,
      nameEn: null,
      levels: levels ? levels.split(',').map((l) => Number(l) as SkillLevel) : [...ALL_LEVELS],
      levelsVerified: false,
      standardYear: year,
      standardCode: printed || null,
      standardStatus: 'published',
      workTypes: [],
      formerCodes: printed && printed !== code ? [printed] : [],
    };
  }
  if (!seed) {
    // Not researched yet: the five levels a filed 评价规范 may define, unverified; no known national standard.
    return {
      ...base,
      nameEn: null,
      levels: [...ALL_LEVELS],
      levelsVerified: false,
      standardYear: null,
      standardCode: null,
      standardStatus: 'unknown',
      workTypes: [],
      formerCodes: [],
    };
  }
  return {
    ...base,
    nameEn: seed.nameEn,
    levels: [...seed.levels],
    levelsVerified: seed.levelsVerified,
    standardYear: seed.standard?.year ?? null,
    standardCode: seed.standard?.code ?? null,
    standardStatus: seed.standard ? 'published' : 'none',
    workTypes: [...seed.workTypes],
    formerCodes: seed.standard?.code && seed.standard.code !== seed.code ? [seed.standard.code] : [],
  };
}

let merged: CatalogOccupation[] | undefined;

/** Every catalog occupation, in code order (built once). */
export function catalogOccupations(): readonly CatalogOccupation[] {
  if (!merged) {
    const seeds = new Map(OCCUPATIONS.map((o) => [o.code, o]));
    const standards = new Map(CATALOG_STANDARDS.map((s) => [s[0], s]));
    const formerByCode = new Map<string, string[]>();
    for (const [former, code] of CATALOG_FORMER_CODES) formerByCode.set(code, [...(formerByCode.get(code) ?? []), former]);
    merged = CATALOG_OCCUPATIONS.map((r) => {
      const o = merge(r, seeds.get(r[0]), standards.get(r[0]));
      const more = formerByCode.get(o.code);
      return more ? { ...o, formerCodes: [...o.formerCodes, ...more] } : o;
    });
  }
  return merged;
}

export { CATALOG_EDITION };

const groupNames = new Map(CATALOG_GROUPS.map(([code, name]) => [code, name]));

/** 大类 → 中类 → 小类 above an occupation code (null for a group the edition does not have). */
export function hierarchyOf(code: string) {
  const ref = (c: string) => {
    const name = groupNames.get(c);
    return name === undefined ? null : { code: c, name };
  };
  return { major: ref(code.slice(0, 1)), middle: ref(code.slice(0, 4)), minor: ref(code.slice(0, 7)) };
}

/** The edition's groups as a tree, each node with how many occupations (from `countByMinor`) lie below it. */
export function catalogTree(countByMinor: Map<string, number>) {
  const majors = CATALOG_GROUPS.filter(([c]) => c.length === 1);
  const middles = CATALOG_GROUPS.filter(([c]) => c.length === 4);
  const minors = CATALOG_GROUPS.filter(([c]) => c.length === 7);
  return majors.map(([mc, mn]) => {
    const children = middles
      .filter(([c]) => c.startsWith(`${mc}-`))
      .map(([cc, cn]) => {
        const leaves = minors.filter(([c]) => c.startsWith(`${cc}-`)).map(([c, n]) => ({ code: c, name: n, count: countByMinor.get(c) ?? 0 }));
        return { code: cc, name: cn, count: leaves.reduce((s, l) => s + l.count, 0), children: leaves };
      });
    return { code: mc, name: mn, count: children.reduce((s, c) => s + c.count, 0), children };
  });
}
