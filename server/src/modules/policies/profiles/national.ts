import type { PolicyProfile } from '@skillcert/shared/api/policies';

const SH = 'seed: shanghai-2022-vocational-school-certification-qa';
const NATIONAL = 'national practice (DOMAIN.md §7)';
const OURS = 'skillcert default — the seeds are silent';

/**
 * The profile for provinces without one of their own: national practice where there is one, marked defaults elsewhere.
 * Shanghai's and Fujian's profiles start from it and override what their texts say.
 */
export const national2024: PolicyProfile = {
  id: 'national-2024',
  name: '全国通用（默认）',
  nameEn: 'National default',
  province: '00',
  version: 1,
  effectiveFrom: '2024-01-01',
  seeds: [],
  // The national defaults rest on no seed text; the provincial profiles name their clauses.
  clauses: {},
  applicants: {
    value: {
      schoolTypes: ['secondary_vocational', 'technical', 'higher_vocational', 'vocational_bachelor', 'general_bachelor'],
      secondaryNeedsThroughPrograms: false,
    },
    default: true,
    source: OURS,
  },
  levelCaps: {
    value: { secondary_vocational: [5, 4], technical: [5, 4, 3], higher_vocational: [4, 3], vocational_bachelor: [4, 3], general_bachelor: [4, 3] },
    default: true,
    source: `${OURS}; follows the Fujian text`,
  },
  inSchoolMaxLevel: { value: 3, default: true, source: `${OURS}; follows the Fujian text` },
  candidates: { value: 'enrolled', default: true, source: OURS },
  filingPath: {
    value: {
      receive: { bureau: 'hr_bureau', level: 'city' },
      eduReview: null,
      techAssessment: [{ bureau: 'hr_bureau', level: 'city' }],
      report: { bureau: 'hr_bureau', level: 'city' },
      list: { bureau: 'hr_bureau', level: 'province' },
      reportedTo: 'province',
    },
    default: true,
    source: OURS,
  },
  filingValidityYears: { value: 5, default: true, source: OURS },
  techAssessmentPassScore: { value: 60, default: true, source: OURS },
  planLeadDays: { value: 15, default: true, source: `${OURS}; calendar days` },
  candidateSources: {
    value: { otherSchools: 'after_first_plan', society: 'social_org_only' },
    default: true,
    source: `${OURS}; follows the Shanghai order (${SH} Q3)`,
  },
  staffRatios: {
    value: {
      theoryCandidatesPerInvigilator: 15,
      theoryMinInvigilatorsPerRoom: 2,
      practicalCandidatesPerExaminer: 5,
      practicalMinExaminers: 3,
      practicalOddExaminers: true,
      reviewMinPanel: 3,
      reviewOddPanel: true,
    },
    default: false,
    source: NATIONAL,
  },
  publicityWorkingDays: { value: 5, default: false, source: NATIONAL },
  reportWithinWorkingDays: { value: 10, default: true, source: `${OURS}; the seeds ask for reporting (R10) without a deadline` },
  passMark: { value: 60, default: false, source: NATIONAL },
  practicalMarkersPerCandidate: { value: 2, default: true, source: OURS },
  disagreementThreshold: { value: 10, default: true, source: OURS },
  expansionMinEvaluated: { value: 200, default: true, source: OURS },
  subsidyByLevel: { value: { '5': 1000, '4': 1500, '3': 2000 }, default: false, source: 'national subsidy guide 2024 (DOMAIN.md §7)' },
  subsidyMaxClaimsPerYear: { value: 3, default: false, source: 'national subsidy guide 2024' },
  subsidyClaimWithinMonths: { value: 12, default: false, source: 'national subsidy guide 2024' },
  subsidyReviewLevel: { value: 'county', default: true, source: `${OURS}; DOMAIN.md §2 step 12: county HR reviews and records payment` },
  subsidyGraduatingYearLocalRules: { value: false, default: true, source: OURS },
  retentionYears: { value: { paper: 3, electronic: 5 }, default: false, source: NATIONAL },
  majorCoverageTarget: { value: 0.8, default: true, source: `${OURS}; Shanghai's target (${SH})` },
  filingCoverageTarget: { value: null, default: true, source: `${OURS}; no national target for filing coverage` },
  guomiSignature: { value: false, default: true, source: `${OURS}; off unless a province's rules ask for SM2/SM3` },
};
