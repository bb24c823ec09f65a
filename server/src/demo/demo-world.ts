import type { OrgKind, Role, SchoolType } from '@skillcert/shared/domain';
import { creditCodeCheckChar } from '@skillcert/shared/validators/credit-code';
import { count } from 'drizzle-orm';
import { inTransaction } from '../context.ts';
import type { Db } from '../db/client.ts';
import { majors, organisations, users } from '../db/schema.ts';
import { hashPassword } from '../modules/auth/passwords.ts';

/**
 * Every demo account shares this password (the README and the start-up banner say so); it meets the password rules
 * (10+ characters, no username in it, not a common password). Each account still gets its own salted hash.
 */
export const DEMO_PASSWORD = 'Demo@2026skc';

interface DemoOrg {
  key: string;
  kind: OrgKind;
  name: string;
  regionCode: string;
  schoolType?: SchoolType;
  runsThroughPrograms?: boolean;
  majors?: [code: string, name: string][];
}

/** A Shanghai and a Fujian (Quanzhou) jurisdiction with their bureaus and schools of several types. Names are fictitious. */
const ORGS: DemoOrg[] = [
  { key: 'platform', kind: 'platform', name: '职业技能等级认定平台运营中心', regionCode: '110000' },
  { key: 'sh_hr', kind: 'hr_bureau', name: '上海市人力资源和社会保障局', regionCode: '310000' },
  { key: 'sh_edu', kind: 'edu_bureau', name: '上海市教育委员会', regionCode: '310000' },
  { key: 'pd_hr', kind: 'hr_bureau', name: '上海市浦东新区人力资源和社会保障局', regionCode: '310115' },
  { key: 'fj_hr', kind: 'hr_bureau', name: '福建省人力资源和社会保障厅', regionCode: '350000' },
  { key: 'fj_edu', kind: 'edu_bureau', name: '福建省教育厅', regionCode: '350000' },
  { key: 'qz_hr', kind: 'hr_bureau', name: '泉州市人力资源和社会保障局', regionCode: '350500' },
  { key: 'qz_edu', kind: 'edu_bureau', name: '泉州市教育局', regionCode: '350500' },
  {
    key: 'sh_poly',
    kind: 'school',
    name: '上海浦江职业技术学院（演示）',
    regionCode: '310115',
    schoolType: 'higher_vocational',
    majors: [
      ['460305', '工业机器人技术'],
      ['460301', '机电一体化技术'],
      ['510201', '计算机应用技术'],
      ['540202', '烹饪工艺与营养'],
    ],
  },
  {
    key: 'sh_sec_through',
    kind: 'school',
    name: '上海申江中等专业学校（演示）',
    regionCode: '310104',
    schoolType: 'secondary_vocational',
    runsThroughPrograms: true,
    majors: [['660301', '机电技术应用']],
  },
  {
    key: 'sh_sec',
    kind: 'school',
    name: '上海沪东职业学校（演示）',
    regionCode: '310110',
    schoolType: 'secondary_vocational',
    majors: [['740201', '中餐烹饪']],
  },
  {
    key: 'qz_poly',
    kind: 'school',
    name: '泉州海丝职业技术学院（演示）',
    regionCode: '350582',
    schoolType: 'higher_vocational',
    majors: [
      ['460305', '工业机器人技术'],
      ['510201', '计算机应用技术'],
    ],
  },
  {
    key: 'qz_sec',
    kind: 'school',
    name: '泉州刺桐职业中专学校（演示）',
    regionCode: '350503',
    schoolType: 'secondary_vocational',
    majors: [
      ['660301', '机电技术应用'],
      ['740201', '中餐烹饪'],
    ],
  },
  { key: 'qz_bachelor', kind: 'school', name: '泉州闽南职业技术大学（演示）', regionCode: '350583', schoolType: 'vocational_bachelor' },
  {
    key: 'sh_lingang',
    kind: 'school',
    name: '上海临港职业技术学院（演示）',
    regionCode: '310115',
    schoolType: 'higher_vocational',
    majors: [
      ['460305', '工业机器人技术'],
      ['460301', '机电一体化技术'],
    ],
  },
  {
    key: 'qz_tech',
    kind: 'school',
    name: '泉州鲤城技师学院（演示）',
    regionCode: '350502',
    schoolType: 'technical',
    majors: [['660301', '机电技术应用']],
  },
  // Three Shanghai colleges whose applications are under way, so every reviewer has real work waiting (demo-filings.ts).
  {
    key: 'sh_donghai',
    kind: 'school',
    name: '上海东海职业技术学院（演示）',
    regionCode: '310115',
    schoolType: 'higher_vocational',
    majors: [
      ['460103', '数控技术'],
      ['460301', '机电一体化技术'],
    ],
  },
  {
    key: 'sh_yangpu',
    kind: 'school',
    name: '上海杨浦职业技术学院（演示）',
    regionCode: '310110',
    schoolType: 'higher_vocational',
    majors: [['460305', '工业机器人技术']],
  },
  {
    key: 'sh_jinshan',
    kind: 'school',
    name: '上海金山职业技术学院（演示）',
    regionCode: '310116',
    schoolType: 'higher_vocational',
    majors: [['460301', '机电一体化技术']],
  },
];

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  org: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', role: 'admin', displayName: '平台管理员', org: 'platform' },
  { username: 'sh_hr', role: 'hr', displayName: '上海人社·王敏', org: 'sh_hr' },
  { username: 'sh_edu', role: 'edu', displayName: '上海市教委·李华', org: 'sh_edu' },
  { username: 'pd_hr', role: 'hr', displayName: '浦东人社·周强', org: 'pd_hr' },
  { username: 'fj_hr', role: 'hr', displayName: '福建人社·陈静', org: 'fj_hr' },
  { username: 'fj_edu', role: 'edu', displayName: '福建教育厅·黄伟', org: 'fj_edu' },
  { username: 'qz_hr', role: 'hr', displayName: '泉州人社·林菱', org: 'qz_hr' },
  { username: 'qz_edu', role: 'edu', displayName: '泉州教育局·郑磊', org: 'qz_edu' },
  { username: 'sh_supervisor', role: 'supervisor', displayName: '质量督导员·孙立', org: 'sh_hr' },
  { username: 'school_admin', role: 'school_admin', displayName: '浦江学院·评价中心主任', org: 'sh_poly' },
  { username: 'school_staff', role: 'school_staff', displayName: '浦江学院·教务员', org: 'sh_poly' },
  { username: 'assessor', role: 'assessor', displayName: '考评员·赵工', org: 'sh_poly' },
  { username: 'candidate', role: 'candidate', displayName: '段誉', org: 'sh_poly' },
  { username: 'qz_school_admin', role: 'school_admin', displayName: '海丝学院·评价中心主任', org: 'qz_poly' },
  { username: 'qz_sec_admin', role: 'school_admin', displayName: '刺桐职专·评价中心主任', org: 'qz_sec' },
  { username: 'qz_bachelor_admin', role: 'school_admin', displayName: '闽南职大·评价中心主任', org: 'qz_bachelor' },
  { username: 'sh_sec_admin', role: 'school_admin', displayName: '沪东职校·教务主任', org: 'sh_sec' },
  { username: 'sh_through_admin', role: 'school_admin', displayName: '申江中专·教务主任', org: 'sh_sec_through' },
  { username: 'lg_school_admin', role: 'school_admin', displayName: '临港学院·评价中心主任', org: 'sh_lingang' },
  { username: 'lg_chief', role: 'assessor', displayName: '临港学院·主考·许建华', org: 'sh_lingang' },
  { username: 'lg_examiner1', role: 'assessor', displayName: '临港学院·考评员·唐立群', org: 'sh_lingang' },
  { username: 'lg_examiner2', role: 'assessor', displayName: '临港学院·考评员·秦卫东', org: 'sh_lingang' },
  { username: 'qz_tech_admin', role: 'school_admin', displayName: '鲤城技师学院·评价中心主任', org: 'qz_tech' },
  { username: 'dh_school_admin', role: 'school_admin', displayName: '东海学院·评价中心主任', org: 'sh_donghai' },
  { username: 'yp_school_admin', role: 'school_admin', displayName: '杨浦学院·评价中心主任', org: 'sh_yangpu' },
  { username: 'js_school_admin', role: 'school_admin', displayName: '金山学院·评价中心主任', org: 'sh_jinshan' },
];

/** A well-formed 统一社会信用代码 for a demo organisation: 机构编制 (1), 机关 (1) or 事业单位 (2). */
function demoCreditCode(kind: OrgKind, regionCode: string, index: number): string {
  const body = `1${kind === 'school' ? '2' : '1'}${regionCode}${String(425000000 + index * 7919).slice(0, 9)}`;
  return body + creditCodeCheckChar(body);
}

export async function hasUsers(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) > 0;
}

/** Seeds the demo world into an empty database, all in one transaction. */
export async function seedDemoWorld(db: Db): Promise<DemoAccount[]> {
  // One argon2id hash per account, each with its own random salt: equal passwords never show as equal hashes.
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  await inTransaction(db, { actor: null, requestId: 'demo-seed' }, async (tx, audit) => {
    const ids = new Map<string, string>();
    for (const [i, o] of ORGS.entries()) {
      const [row] = await tx
        .insert(organisations)
        .values({
          kind: o.kind,
          name: o.name,
          regionCode: o.regionCode,
          creditCode: o.kind === 'platform' ? null : demoCreditCode(o.kind, o.regionCode, i),
          schoolType: o.schoolType ?? null,
          runsThroughPrograms: o.runsThroughPrograms ?? false,
        })
        .returning({ id: organisations.id });
      if (!row) throw new Error('demo org not inserted');
      ids.set(o.key, row.id);
      for (const [code, name] of o.majors ?? []) await tx.insert(majors).values({ orgId: row.id, code, name });
    }
    for (const [i, a] of DEMO_ACCOUNTS.entries()) {
      const orgId = ids.get(a.org);
      const passwordHash = hashes[i];
      if (!orgId || !passwordHash) throw new Error(`demo org ${a.org} missing`);
      await tx.insert(users).values({ username: a.username, displayName: a.displayName, role: a.role, orgId, passwordHash });
    }
    await audit({
      action: 'demo.seed',
      targetType: 'system',
      targetId: null,
      after: { organisations: ORGS.length, accounts: DEMO_ACCOUNTS.map((a) => a.username) },
    });
  });
  return DEMO_ACCOUNTS;
}
