import { idCardCheckChar } from '@skillcert/shared/validators/id-card';
import type { ExternalCertificateBody } from '@skillcert/shared/api/external-certificates';
import type { Db } from '../db/client.ts';
import type { IdentityVault } from '../modules/identity/identity.vault.ts';
import { recordExternal, withdrawExternal } from '../modules/external-certificates/external-certificates.service.ts';
import { as } from './demo-filings.ts';

/** ID numbers of the demo's students with certificates from elsewhere (Pudong, born 2004–2005). */
function studentId(i: number): string {
  const body = `3101152004${String(1 + (i % 9)).padStart(2, '0')}1${i}${String(300 + i * 7).slice(-3)}`;
  return body + idCardCheckChar(body);
}

/**
 * 外部证书 of the 临港 school's students, one or two of each kind, recorded through the service as its admin would
 * (one withdrawn), so the list, the bureaus' read-only view and the R12 counts have something to show.
 */
export async function seedDemoExternal(db: Db, identity: IdentityVault): Promise<void> {
  const school = await as(db, 'lg_school_admin');
  const year = new Date().getFullYear();
  const day = (back: number) => new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10);
  const yy = (d: string) => d.slice(2, 4);
  const d1 = day(40);
  const d2 = day(120);
  const d3 = day(200);
  const base = { idType: 'resident_id' as const, majorCode: '460305' };
  const records: ExternalCertificateBody[] = [
    {
      ...base,
      holderName: '乔峰',
      idNumber: studentId(1),
      kind: 'skill_level',
      channel: 'social_organisation',
      issuerName: '上海市机械工程学会（社会培训评价组织）',
      number: `S000031000517${yy(d1)}4000128`,
      occupationName: '工业机器人系统操作员',
      level: 4,
      issuedOn: d1,
    },
    {
      ...base,
      holderName: '阿朱',
      idNumber: studentId(2),
      kind: 'competition',
      channel: 'competition',
      issuerName: `${year} 年上海市职业院校技能大赛组委会`,
      number: `SHJN-${year}-GY-017`,
      occupationName: '工业机器人技术应用（二等奖）',
      issuedOn: d2,
    },
    {
      ...base,
      majorCode: '460301',
      holderName: '游坦之',
      idNumber: studentId(3),
      kind: 'enterprise',
      channel: 'partner_enterprise',
      issuerName: '上海临港智能装备有限公司',
      number: 'LGZN-CERT-2041',
      occupationName: '产线运维（企业认证）',
      issuedOn: d2,
    },
    {
      ...base,
      majorCode: '460301',
      holderName: '王语嫣',
      idNumber: studentId(4),
      kind: 'special_ability',
      channel: 'social_organisation',
      issuerName: '浦东新区人力资源和社会保障局',
      number: `ZX31${yy(d3)}0015`,
      occupationName: '工业机器人编程',
      issuedOn: d3,
    },
    {
      ...base,
      holderName: '慕容复',
      idNumber: studentId(5),
      kind: 'qualification',
      channel: 'legacy',
      issuerName: '上海市职业技能鉴定中心',
      number: '1531012005400231',
      occupationName: '维修电工',
      level: 4,
      issuedOn: '2015-07-10',
    },
    {
      ...base,
      holderName: '段正淳',
      idNumber: studentId(6),
      kind: 'skill_level',
      channel: 'partner_enterprise',
      issuerName: '上海临港智能装备有限公司',
      number: `Y000131000088${yy(d1)}5000007`,
      occupationName: '电工',
      level: 5,
      issuedOn: d1,
    },
  ];
  const ids: string[] = [];
  for (const r of records) ids.push((await recordExternal(school, { identity }, r)).id);
  // One recorded in error, then withdrawn (kept, not counted).
  if (ids[5]) await withdrawExternal(school, { identity }, ids[5], '重复登记（演示）');
}
