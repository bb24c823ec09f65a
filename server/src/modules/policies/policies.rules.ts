import type { PolicyProfile } from '@skillcert/shared/api/policies';
import { fujian2024 } from './profiles/fujian-2024.ts';
import { national2024 } from './profiles/national.ts';
import { shanghai2022 } from './profiles/shanghai-2022.ts';

/** Every profile, newest version last within a province. */
export const PROFILES: readonly PolicyProfile[] = [national2024, shanghai2022, fujian2024];

export function findProfile(id: string): PolicyProfile | undefined {
  return PROFILES.find((p) => p.id === id);
}

/** The profile governing an institution: its province's latest profile in force on `on`, else the national default. */
export function profileForRegion(regionCode: string, on: Date = new Date()): PolicyProfile {
  const day = on.toISOString().slice(0, 10);
  const candidates = PROFILES.filter((p) => p.province === regionCode.slice(0, 2) && p.effectiveFrom <= day).sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? 1 : -1,
  );
  return candidates[0] ?? national2024;
}

export interface ProfileDifference {
  field: string;
  a: unknown;
  b: unknown;
}

const META = new Set(['id', 'name', 'nameEn', 'province', 'version', 'effectiveFrom', 'seeds', 'clauses']);

/** Which rule values differ between two profiles (sources aside). */
export function compareProfiles(a: PolicyProfile, b: PolicyProfile): ProfileDifference[] {
  const out: ProfileDifference[] = [];
  for (const key of Object.keys(a) as (keyof PolicyProfile)[]) {
    if (META.has(key)) continue;
    const va = (a[key] as { value: unknown }).value;
    const vb = (b[key] as { value: unknown }).value;
    if (JSON.stringify(va) !== JSON.stringify(vb)) out.push({ field: key, a: va, b: vb });
  }
  return out;
}
