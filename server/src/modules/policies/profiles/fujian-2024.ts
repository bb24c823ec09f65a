import type { PolicyProfile } from '@skillcert/shared/api/policies';
import { national2024 } from './national.ts';

const SEED = 'seed: fujian-quanzhou-2024-vocational-college-evaluation-notice';
const OURS = 'skillcert default — the Fujian text is silent';

/** 闽人社文〔2024〕53号, as forwarded by 泉人社文〔2024〕101号. */
export const fujian2024: PolicyProfile = {
  ...national2024,
  id: 'fujian-2024',
  name: '福建省（2024）',
  nameEn: 'Fujian (2024)',
  province: '35',
  version: 1,
  effectiveFrom: '2024-05-13',
  seeds: ['fujian-quanzhou-2024-vocational-college-evaluation-notice.txt'],
  clauses: {
    R1: {
      document: '闽人社文〔2024〕53号',
      clause: '一（二）',
      wording: '“十四五”期末，全省职业院校要全部备案设立职业技能等级评价机构。支持和鼓励普通本科院校备案设立技能人才评价机构。',
    },
    R3: {
      document: '泉人社文〔2024〕101号',
      clause: '二',
      wording: '中职学校对在校生开展专项能力考核及初、中级工职业技能评价；高职高专及职业本科院校对在校生开展专项能力考核及中、高级工职业技能评价。',
    },
    R4: {
      document: '泉人社文〔2024〕101号',
      clause: '二',
      wording: '对备案期内管理规范、无违规记录且达到一定评价数量的评价机构可申请增设新职业（工种）备案或技师（含技师）以上的高级别评价资质。',
    },
    R6: {
      document: '闽人社文〔2024〕53号',
      clause: '二（二）',
      wording: '采取“理论考试+实操考核”的方法组织，理论考试成绩可通过本专业（科目）结课综合考试成绩替代。',
    },
    R8: {
      document: '泉人社文〔2024〕101号',
      clause: '二',
      wording: '按照属地管理原则，积极向市级人社部门申报职业技能等级评价机构和职业技能考核鉴定机构。',
    },
    R9: {
      document: '闽人社文〔2024〕53号',
      clause: '三（二）',
      wording: '不得以“转包”“委托”等任何形式将技能人才评价机构交由社会第三方运营。',
    },
  },
  // 全省职业院校要全部备案设立；支持和鼓励普通本科院校备案设立
  applicants: {
    value: {
      schoolTypes: ['secondary_vocational', 'technical', 'higher_vocational', 'vocational_bachelor', 'general_bachelor'],
      secondaryNeedsThroughPrograms: false,
    },
    default: false,
    source: `${SEED} 一(二)`,
  },
  // R3: 中职学校对在校生开展专项能力考核及初、中级工；高职高专及职业本科院校开展专项能力考核及中、高级工
  levelCaps: {
    value: { secondary_vocational: [5, 4], technical: [5, 4, 3], higher_vocational: [4, 3], vocational_bachelor: [4, 3], general_bachelor: [4, 3] },
    default: false,
    source: `${SEED} 泉州 二 (R3); 技工院校 and 普通本科 are our reading (default)`,
  },
  // R3: 职业院校对在校生开展职业技能评价最高等级设置为三级/高级技能
  inSchoolMaxLevel: { value: 3, default: false, source: `${SEED} 一(二) (R3)` },
  candidates: { value: 'enrolled', default: false, source: `${SEED} 一(一) 全面推行在校生职业技能评价` },
  // 在确保满足本校在校生职业技能评价的前提下,备案成立第三方社会培训评价组织; other schools' students: the text is silent
  candidateSources: {
    value: { otherSchools: 'after_first_plan', society: 'social_org_only' },
    default: true,
    source: `${SEED} 一(三) for society; other schools: ${OURS}`,
  },
  // R8: 按照属地管理原则，积极向市级人社部门申报
  filingPath: {
    value: {
      receive: { bureau: 'hr_bureau', level: 'city' },
      eduReview: null,
      techAssessment: [{ bureau: 'hr_bureau', level: 'city' }],
      report: { bureau: 'hr_bureau', level: 'city' },
      list: { bureau: 'hr_bureau', level: 'province' },
      reportedTo: 'province',
    },
    default: false,
    source: `${SEED} 泉州 二 (R8); the assessment panel and the provincial listing are our default`,
  },
  expansionMinEvaluated: { value: 200, default: true, source: `${OURS}: 达到一定评价数量 names no number (R4)` },
  majorCoverageTarget: { value: 0.8, default: true, source: `${OURS}; Shanghai's 80% used as the default` },
  reportWithinWorkingDays: { value: 10, default: true, source: `${OURS}: 数据上报 (R10) names no deadline` },
  // 各县(市、区)人社局 …… 对符合条件的持证人员，及时落实培训补贴相关政策
  subsidyReviewLevel: { value: 'county', default: false, source: `${SEED} 泉州 三 (R11)` },
  // R13: “十四五”期末，全省职业院校要全部备案设立职业技能等级评价机构 (the 14th five-year plan ends 2025)
  filingCoverageTarget: { value: { share: 1, by: '2025-12-31' }, default: false, source: `${SEED} 一(二) (R13)` },
};
