import type { PolicyProfile } from '@skillcert/shared/api/policies';
import { national2024 } from './national.ts';

const SEED = 'seed: shanghai-2022-vocational-school-certification-qa';
const OURS = 'skillcert default — the Shanghai text is silent';

/** 《关于推动职业学校开展职业技能等级认定工作的通知》(上海市人社局、市教委, 2022) as read in its Q&A. */
export const shanghai2022: PolicyProfile = {
  ...national2024,
  id: 'shanghai-2022',
  name: '上海市（2022）',
  nameEn: 'Shanghai (2022)',
  province: '31',
  version: 1,
  effectiveFrom: '2022-06-07',
  seeds: ['shanghai-2022-vocational-school-certification-qa.txt'],
  clauses: {
    R1: {
      document: '《关于推动职业学校开展职业技能等级认定工作的通知》政策问答',
      clause: '问答 5',
      wording:
        '以承担新型技师学院功能的高职学校为引领，以大专以上职业学校（包括独立设置的高职学校、本科高职学院、职业本科）为主体，开设贯通培养专业的中职学校也可结合实际情况申报。',
    },
    R2: {
      document: '《关于推动职业学校开展职业技能等级认定工作的通知》政策问答',
      clause: '问答 3（二）',
      wording: '在先行面向本校毕业学年学生开展等级认定的基础上，逐步面向全市其他职业学校相关专业毕业学年学生提供评价服务。',
    },
    R5: {
      document: '《关于推动职业学校开展职业技能等级认定工作的通知》政策问答',
      clause: '问答 5',
      wording:
        '已颁布国家职业技能标准的，应按照国家职业技能标准执行；尚未颁布国家职业技能标准的，可依据国家职业技能标准编制技术规程自主开发评价规范，按程序报经人力资源社会保障部门备案后开展评价。',
    },
    R7: {
      document: '《关于推动职业学校开展职业技能等级认定工作的通知》政策问答',
      clause: '问答 5',
      wording:
        '符合条件的职业学校向市教委相关职能部门提交申请材料。本市人社部门会同教育部门组织技术评估，经技术评估通过并按规定向人力资源社会保障部报备后，列入本市职业技能等级评价机构目录管理。',
    },
  },
  // R1: 以承担新型技师学院功能的高职学校为引领，以大专以上职业学校(独立设置的高职学校、本科高职学院、职业本科)为主体，开设贯通培养专业的中职学校也可
  applicants: {
    value: { schoolTypes: ['higher_vocational', 'vocational_bachelor', 'secondary_vocational'], secondaryNeedsThroughPrograms: true },
    default: false,
    source: `${SEED} Q5 (R1)`,
  },
  levelCaps: {
    value: { secondary_vocational: [5, 4], technical: [5, 4, 3], higher_vocational: [5, 4, 3], vocational_bachelor: [5, 4, 3], general_bachelor: [5, 4, 3] },
    default: true,
    source: `${OURS}; capped at 三级 as for in-school students nationally`,
  },
  inSchoolMaxLevel: { value: 3, default: true, source: OURS },
  // R2: 面向本校毕业学年学生
  candidates: { value: 'graduating_year', default: false, source: `${SEED} Q1, Q3 (R2)` },
  // R2: 在先行面向本校毕业学年学生开展等级认定的基础上，逐步面向全市其他职业学校相关专业毕业学年学生；通过遴选备案成为社会培训评价组织，面向更多群体
  candidateSources: { value: { otherSchools: 'after_first_plan', society: 'social_org_only' }, default: false, source: `${SEED} Q3 (R2)` },
  // R7: 向市教委相关职能部门提交申请材料 → 人社部门会同教育部门组织技术评估 → 向人力资源社会保障部报备 → 列入目录
  filingPath: {
    value: {
      receive: { bureau: 'edu_bureau', level: 'province' },
      eduReview: { bureau: 'edu_bureau', level: 'province' },
      techAssessment: [
        { bureau: 'hr_bureau', level: 'province' },
        { bureau: 'edu_bureau', level: 'province' },
      ],
      report: { bureau: 'hr_bureau', level: 'province' },
      list: { bureau: 'hr_bureau', level: 'province' },
      reportedTo: 'mohrss',
    },
    default: false,
    source: `${SEED} Q5 备案流程 (R7)`,
  },
  // R13: 专业覆盖率达80%
  majorCoverageTarget: { value: 0.8, default: false, source: `${SEED} Q2 (R13)` },
  reportWithinWorkingDays: { value: 10, default: true, source: `${OURS}: 数据上报 (R10) names no deadline` },
  // R11: 毕业学年学生参加职业技能等级认定并取得相应职业技能证书的，可按本市有关规定享受职业技能提升补贴
  subsidyGraduatingYearLocalRules: { value: true, default: false, source: `${SEED} Q4 一 (R11)` },
  // 市、区两级人社 (Q3 四): the district (county-level) bureau of the holder's place reviews
  subsidyReviewLevel: { value: 'county', default: true, source: `${OURS}; Q3 四 names the city and district bureaus, we give claims to the district` },
};
