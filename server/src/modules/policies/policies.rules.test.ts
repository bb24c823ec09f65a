import { PolicyProfile } from '@skillcert/shared/api/policies';
import { describe, expect, it } from 'vitest';
import { compareProfiles, findProfile, PROFILES, profileForRegion } from './policies.rules.ts';

describe('policy profiles', () => {
  it('every profile is well-formed against the shared schema', () => {
    for (const p of PROFILES) expect(() => PolicyProfile.parse(p), p.id).not.toThrow();
  });

  it('is chosen by the institution region: Shanghai, Fujian (a county too), else the national default', () => {
    expect(profileForRegion('310115').id).toBe('shanghai-2022');
    expect(profileForRegion('350582').id).toBe('fujian-2024');
    expect(profileForRegion('440300').id).toBe('national-2024');
    // before the Fujian text took effect
    expect(profileForRegion('350582', new Date('2023-01-01')).id).toBe('national-2024');
  });

  it('R1 R3 R7 R8: Shanghai and Fujian differ where their texts differ', () => {
    const sh = findProfile('shanghai-2022')!;
    const fj = findProfile('fujian-2024')!;
    const fields = compareProfiles(sh, fj).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['applicants', 'levelCaps', 'candidates', 'filingPath']));
    // R1: Shanghai admits 中职 only with 贯通培养 majors
    expect(sh.applicants.value.secondaryNeedsThroughPrograms).toBe(true);
    expect(fj.applicants.value.secondaryNeedsThroughPrograms).toBe(false);
    // R3: Fujian 中职 五级/四级, 高职 四级/三级
    expect(fj.levelCaps.value.secondary_vocational).toEqual([5, 4]);
    expect(fj.levelCaps.value.higher_vocational).toEqual([4, 3]);
    // R7: Shanghai files with 市教委; R8: Fujian with the city HR bureau
    expect(sh.filingPath.value.receive).toEqual({ bureau: 'edu_bureau', level: 'province' });
    expect(fj.filingPath.value.receive).toEqual({ bureau: 'hr_bureau', level: 'city' });
    // values taken from the texts are not marked as defaults
    expect(sh.candidates.default).toBe(false);
    expect(fj.expansionMinEvaluated.default).toBe(true);
  });

  it('R3: no profile lets in-school students above 三级', () => {
    for (const p of PROFILES) {
      for (const levels of Object.values(p.levelCaps.value)) expect(Math.min(...levels)).toBeGreaterThanOrEqual(p.inSchoolMaxLevel.value);
    }
  });
});
