import { describe, expect, it } from 'vitest';
import { findProfile } from '../policies/policies.rules.ts';
import {
  allowedActions,
  certificatePrefix,
  checkApplicant,
  checkExpansion,
  checkLevels,
  decideTransition,
  type FilingFacts,
  type InstitutionFacts,
  missingParts,
  scoreAssessment,
  validUntil,
} from './filings.rules.ts';

const sh = findProfile('shanghai-2022')!;
const fj = findProfile('fujian-2024')!;

const facts = (over: Partial<FilingFacts>): FilingFacts => ({
  status: 'submitted',
  type: 'initial',
  orgId: 'school-1',
  regionCode: '310115',
  assessmentPassed: false,
  validTo: null,
  ...over,
});
const shEdu = { role: 'edu' as const, orgKind: 'edu_bureau' as const, orgId: 'e', regionCode: '310000' };
const shHr = { role: 'hr' as const, orgKind: 'hr_bureau' as const, orgId: 'h', regionCode: '310000' };
const pdHr = { role: 'hr' as const, orgKind: 'hr_bureau' as const, orgId: 'p', regionCode: '310115' };
const qzHr = { role: 'hr' as const, orgKind: 'hr_bureau' as const, orgId: 'q', regionCode: '350500' };
const fjHr = { role: 'hr' as const, orgKind: 'hr_bureau' as const, orgId: 'f', regionCode: '350000' };
const school = { role: 'school_admin' as const, orgKind: 'school' as const, orgId: 'school-1', regionCode: '310115' };

describe('filing state machine', () => {
  it('R7: in Shanghai 市教委 reviews, HR and edu assess, HR reports to 人社部 and lists', () => {
    expect(decideTransition('approve', facts({}), shEdu, sh)).toEqual({ ok: true, to: 'edu_reviewed' });
    expect(decideTransition('approve', facts({}), shHr, sh)).toMatchObject({ ok: false, refusal: { code: 'FILING.NOT_YOUR_STEP' } });
    expect(decideTransition('start_assessment', facts({ status: 'edu_reviewed' }), shHr, sh)).toEqual({ ok: true, to: 'tech_assessment' });
    expect(decideTransition('assess', facts({ status: 'tech_assessment' }), shEdu, sh, { hasAssessmentSheet: true })).toEqual({
      ok: true,
      to: 'tech_assessment',
    });
    expect(decideTransition('report', facts({ status: 'tech_assessment', assessmentPassed: true }), shHr, sh)).toEqual({ ok: true, to: 'reported' });
    expect(decideTransition('report', facts({ status: 'tech_assessment', assessmentPassed: true }), shEdu, sh).ok).toBe(false);
    expect(decideTransition('list', facts({ status: 'reported' }), shHr, sh)).toEqual({ ok: true, to: 'listed' });
    // a district bureau is not the step's actor
    expect(decideTransition('list', facts({ status: 'reported' }), pdHr, sh).ok).toBe(false);
  });

  it('R8: in Fujian a county school files with the city HR bureau; no education review step', () => {
    const county = facts({ regionCode: '350582', status: 'submitted' });
    expect(decideTransition('approve', county, qzHr, fj)).toEqual({ ok: true, to: 'tech_assessment' });
    expect(decideTransition('approve', county, fjHr, fj).ok).toBe(false);
    expect(decideTransition('report', { ...county, status: 'tech_assessment', assessmentPassed: true }, qzHr, fj)).toEqual({ ok: true, to: 'reported' });
    expect(decideTransition('list', { ...county, status: 'reported' }, fjHr, fj)).toEqual({ ok: true, to: 'listed' });
    expect(decideTransition('list', { ...county, status: 'reported' }, qzHr, fj).ok).toBe(false);
  });

  it('transitions out of order are refused with 409; a second approval of the same step too', () => {
    expect(decideTransition('list', facts({ status: 'submitted' }), shHr, sh)).toMatchObject({ ok: false, refusal: { status: 409 } });
    expect(decideTransition('approve', facts({ status: 'edu_reviewed' }), shEdu, sh)).toMatchObject({
      ok: false,
      refusal: { code: 'FILING.TRANSITION_OUT_OF_ORDER' },
    });
  });

  it('returning and rejecting need a reason; the school resubmits after a return', () => {
    expect(decideTransition('return', facts({}), shEdu, sh)).toMatchObject({ ok: false, refusal: { code: 'FILING.REASON_REQUIRED' } });
    expect(decideTransition('return', facts({}), shEdu, sh, { reason: '材料不全' })).toEqual({ ok: true, to: 'returned' });
    expect(decideTransition('submit', facts({ status: 'returned' }), school, sh)).toEqual({ ok: true, to: 'submitted' });
    expect(decideTransition('submit', facts({ status: 'returned' }), { ...school, orgId: 'other' }, sh).ok).toBe(false);
  });

  it('reporting needs a passing technical assessment', () => {
    expect(decideTransition('report', facts({ status: 'tech_assessment' }), shHr, sh)).toMatchObject({
      ok: false,
      refusal: { code: 'FILING.ASSESSMENT_REQUIRED' },
    });
  });

  it('a listing is suspended, reinstated, revoked by HR over the school, and expires only after its last day', () => {
    const listed = facts({ status: 'listed', validTo: '2026-06-30' });
    expect(decideTransition('suspend', listed, pdHr, sh, { reason: '违规' }).ok).toBe(false); // district is neither province nor city
    expect(decideTransition('suspend', listed, shHr, sh, { reason: '违规' })).toEqual({ ok: true, to: 'suspended' });
    expect(decideTransition('revoke', { ...listed, status: 'suspended' }, shHr, sh, { reason: '严重违规' })).toEqual({ ok: true, to: 'revoked' });
    expect(decideTransition('expire', listed, shHr, sh, { today: '2026-06-30' }).ok).toBe(false);
    expect(decideTransition('expire', listed, shHr, sh, { today: '2026-07-01' })).toEqual({ ok: true, to: 'expired' });
  });

  it('allowed actions drive the to-do list', () => {
    expect(allowedActions(facts({}), shEdu, sh)).toEqual(['approve', 'return', 'reject']);
    expect(allowedActions(facts({}), shHr, sh)).toEqual([]);
    expect(allowedActions(facts({ status: 'draft' }), school, sh)).toEqual(['submit']);
  });
});

describe('eligibility', () => {
  it('R1: a Shanghai 中职 without 贯通培养 majors may not apply; with them it may', () => {
    const without = checkApplicant({ schoolType: 'secondary_vocational', runsThroughPrograms: false }, sh);
    expect(without.find((c) => !c.pass)).toMatchObject({ rule: 'R1', condition: 'secondary_runs_through_programs' });
    expect(checkApplicant({ schoolType: 'secondary_vocational', runsThroughPrograms: true }, sh).every((c) => c.pass)).toBe(true);
    expect(checkApplicant({ schoolType: 'higher_vocational', runsThroughPrograms: false }, sh).every((c) => c.pass)).toBe(true);
    // Fujian: every vocational college files (no 贯通 condition)
    expect(checkApplicant({ schoolType: 'secondary_vocational', runsThroughPrograms: false }, fj).every((c) => c.pass)).toBe(true);
  });

  it('R3: a Fujian 中职 may not file 三级; a 高职 may not file 五级; nobody in school above 三级', () => {
    const sec = { schoolType: 'secondary_vocational' as const, runsThroughPrograms: false };
    const poly = { schoolType: 'higher_vocational' as const, runsThroughPrograms: false };
    expect(checkLevels('skill_level', 'initial', [{ level: 4 }, { level: 3 }], sec, fj).map((c) => c.pass)).toEqual([true, false]);
    expect(checkLevels('skill_level', 'initial', [{ level: 5 }, { level: 3 }], poly, fj).map((c) => c.pass)).toEqual([false, true]);
    expect(checkLevels('skill_level', 'initial', [{ level: 2 }], poly, fj)[0]).toMatchObject({ rule: 'R3', pass: false, line: 0 });
    // 专项能力 carries no level
    expect(checkLevels('special_ability', 'initial', [{ level: null }], sec, fj)).toEqual([]);
  });

  it('R3/R4: an expansion may add 技师 and above, but the school-type caps still bind 五级–三级', () => {
    const sec = { schoolType: 'secondary_vocational' as const, runsThroughPrograms: false };
    expect(checkLevels('skill_level', 'expansion', [{ level: 2 }, { level: 3 }], sec, fj).map((c) => c.pass)).toEqual([true, false]);
  });

  it('R4: expansion needs the filing period, no violation and the volume', () => {
    const good: InstitutionFacts = { status: 'listed', validFrom: '2025-01-01', validTo: '2029-12-31', violations: 0, evaluated: 250 };
    expect(checkExpansion(good, fj, '2026-11-21').every((c) => c.pass)).toBe(true);
    const failing = (over: Partial<typeof good>) =>
      checkExpansion({ ...good, ...over }, fj, '2026-11-21')
        .filter((c) => !c.pass)
        .map((c) => c.condition);
    expect(failing({ violations: 1 })).toEqual(['no_violation_record']);
    expect(failing({ evaluated: 199 })).toEqual(['minimum_evaluation_volume']);
    expect(failing({ validTo: '2026-11-20' })).toEqual(['within_filing_period']);
    expect(failing({ status: 'suspended' })).toEqual(['listed_and_in_good_standing']);
  });

  it('names the missing parts of an application', () => {
    expect(missingParts({ scope: [], sites: [], assessors: [], attachmentIds: [], type: 'initial' })).toEqual(['scope', 'sites', 'assessors', 'attachments']);
    expect(missingParts({ scope: [1], sites: [], assessors: [], attachmentIds: [1], type: 'expansion' })).toEqual([]);
  });
});

describe('listing', () => {
  it('scores the technical assessment out of 100 against the profile pass score', () => {
    expect(
      scoreAssessment(
        [
          { maxScore: 40, score: 30 },
          { maxScore: 60, score: 40 },
        ],
        sh,
      ),
    ).toEqual({ total: 70, passed: true });
    expect(
      scoreAssessment(
        [
          { maxScore: 50, score: 20 },
          { maxScore: 50, score: 20 },
        ],
        sh,
      ),
    ).toEqual({ total: 40, passed: false });
    expect(scoreAssessment([{ maxScore: 10, score: 11 }], sh)).toEqual({ error: 'score_above_max' });
  });

  it('builds the 13-character certificate number prefix', () => {
    expect(certificatePrefix('0000', '31', 123)).toBe('S000031000123');
    expect(certificatePrefix('0042', '35', 7)).toHaveLength(13);
  });

  it('a listing is valid for whole years', () => {
    expect(validUntil('2026-11-21', 5)).toBe('2031-11-20');
    expect(validUntil('2024-02-29', 1)).toBe('2025-02-28');
  });
});
