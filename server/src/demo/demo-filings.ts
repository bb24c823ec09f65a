import type { CreateFilingBody } from '@skillcert/shared/api/filings';
import type { UseCaseContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { uploadAttachment } from '../modules/attachments/attachments.service.ts';
import { actorOf } from '../modules/auth/auth.service.ts';
import { findUserProfile } from '../modules/auth/auth.repository.ts';
import { createFiling, transitionFiling } from '../modules/filings/filings.service.ts';
import { users } from '../db/schema.ts';
import { eq } from 'drizzle-orm';

export async function as(db: Db, username: string): Promise<UseCaseContext> {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  const profile = u && (await findUserProfile(db, u.id));
  if (!profile) throw new Error(`demo account ${username} missing`);
  return { db, actor: actorOf(profile), requestId: 'demo-seed' };
}

const SHEET = {
  panel: [
    { name: '张明', organisation: '上海市职业技能鉴定中心' },
    { name: '刘芳', organisation: '上海市教育委员会' },
    { name: '陈刚', organisation: '行业企业专家' },
  ],
  scores: [
    { criterion: '组织机构与管理制度', maxScore: 30, score: 27 },
    { criterion: '考核场地与设施设备', maxScore: 30, score: 25 },
    { criterion: '考评员与督导队伍', maxScore: 40, score: 34 },
  ],
};

/** The declared 考评员 roster (R9): robot-system examiners for 四级/三级, electricians for 四级; each with its record's validity. */
export const DEMO_ROSTER: CreateFilingBody['assessors'] = [
  { name: '吴建国', certificateNo: 'KPY-2023-0107', occupationCode: '6-31-07-03', levels: [4, 3], validTo: '2028-06-30', affiliation: 'teacher' },
  { name: '郑海', certificateNo: 'KPY-2022-0311', occupationCode: '6-31-07-03', levels: [4, 3], validTo: '2027-12-31', affiliation: 'enterprise_expert' },
  { name: '钱丽', certificateNo: 'KPY-2023-0215', occupationCode: '6-31-07-03', levels: [4, 3], validTo: '2028-06-30', affiliation: 'teacher' },
  { name: '孙伟', certificateNo: 'KPY-2024-0042', occupationCode: '6-31-07-03', levels: [4], validTo: '2029-03-31', affiliation: 'teacher' },
  { name: '周敏', certificateNo: 'KPY-2024-0077', occupationCode: '6-31-07-03', levels: [4, 3], validTo: '2029-03-31', affiliation: 'enterprise_expert' },
  { name: '冯涛', certificateNo: 'KPY-2022-0530', occupationCode: '6-31-07-03', levels: [4], validTo: '2027-12-31', affiliation: 'teacher' },
  { name: '陈静怡', certificateNo: 'KPY-2023-0388', occupationCode: '6-31-07-03', levels: [4, 3], validTo: '2028-06-30', affiliation: 'teacher' },
  { name: '褚明', certificateNo: 'KPY-2021-0902', occupationCode: '6-31-01-03', levels: [4], validTo: '2027-12-31', affiliation: 'teacher' },
  { name: '卫东', certificateNo: 'KPY-2022-0618', occupationCode: '6-31-01-03', levels: [4], validTo: '2027-12-31', affiliation: 'enterprise_expert' },
  { name: '蒋红', certificateNo: 'KPY-2023-0733', occupationCode: '6-31-01-03', levels: [4], validTo: '2028-06-30', affiliation: 'teacher' },
  { name: '沈洁', certificateNo: 'KPY-2024-0120', occupationCode: '6-31-01-03', levels: [4], validTo: '2029-03-31', affiliation: 'teacher' },
];

async function application(
  ctx: UseCaseContext,
  scope: CreateFilingBody['scope'],
  contact: { name: string; phone: string } = { name: '评价中心', phone: '021-58880000' },
): Promise<CreateFilingBody> {
  const doc = await uploadAttachment(ctx, {
    filename: '职业技能等级评价机构备案申请表.pdf',
    mimeType: 'application/pdf',
    contentBase64: Buffer.from('%PDF-1.4 demo application').toString('base64'),
  });
  return {
    kind: 'skill_level',
    contactName: contact.name,
    contactPhone: contact.phone,
    scope,
    sites: [
      { name: '智能制造实训中心', address: '校内实训楼B座', capacity: 80, owned: true },
      { name: '理论考试中心', address: '校内图文信息中心4层', capacity: 120, owned: true },
    ],
    assessors: DEMO_ROSTER,
    attachmentIds: [doc.id],
  };
}

/**
 * Runs the real workflow for the demo: one Shanghai institution listed (so the public catalog is not empty),
 * one Fujian application waiting in the Quanzhou HR bureau's to-do list.
 */
export async function seedDemoFilings(db: Db): Promise<void> {
  const lingang = await as(db, 'lg_school_admin');
  const sh = await createFiling(
    lingang,
    await application(lingang, [
      { occupationCode: '6-31-07-03', level: 4 },
      { occupationCode: '6-31-07-03', level: 3 },
      { occupationCode: '6-31-01-03', level: 4 },
    ]),
  );
  await transitionFiling(lingang, sh.id, { action: 'submit' });
  const shEdu = await as(db, 'sh_edu');
  const shHr = await as(db, 'sh_hr');
  await transitionFiling(shEdu, sh.id, { action: 'approve' });
  await transitionFiling(shHr, sh.id, { action: 'start_assessment' });
  await transitionFiling(shHr, sh.id, { action: 'assess', assessment: SHEET });
  await transitionFiling(shHr, sh.id, { action: 'report' });
  await transitionFiling(shHr, sh.id, { action: 'list' });

  const liCheng = await as(db, 'qz_tech_admin');
  const fj = await createFiling(
    liCheng,
    await application(
      liCheng,
      [
        { occupationCode: '6-31-01-03', level: 4 },
        { occupationCode: '6-31-01-03', level: 3 },
      ],
      { name: '林晓燕', phone: '0595-22581234' },
    ),
  );
  await transitionFiling(liCheng, fj.id, { action: 'submit' });

  // Shanghai, at each step of R7, so every role finds real work waiting:
  // 东海 waits for 市教委 to review; 杨浦 was approved by 市教委 and waits for HR's technical assessment;
  // 金山 was returned by 市教委 with a reason, waiting for the school to revise it.
  const donghai = await as(db, 'dh_school_admin');
  const dh = await createFiling(donghai, await application(donghai, [{ occupationCode: '6-31-01-03', level: 4 }], { name: '顾雅琴', phone: '021-68152307' }));
  await transitionFiling(donghai, dh.id, { action: 'submit' });

  const yangpu = await as(db, 'yp_school_admin');
  const yp = await createFiling(
    yangpu,
    await application(
      yangpu,
      [
        { occupationCode: '6-31-07-03', level: 4 },
        { occupationCode: '6-31-07-03', level: 3 },
      ],
      { name: '沈立群', phone: '021-65439021' },
    ),
  );
  await transitionFiling(yangpu, yp.id, { action: 'submit' });
  await transitionFiling(shEdu, yp.id, { action: 'approve' });

  const jinshan = await as(db, 'js_school_admin');
  const js = await createFiling(jinshan, await application(jinshan, [{ occupationCode: '6-31-01-03', level: 3 }], { name: '陆振华', phone: '021-57213368' }));
  await transitionFiling(jinshan, js.id, { action: 'submit' });
  await transitionFiling(shEdu, js.id, {
    action: 'return',
    reason: '考评员名册中两名考评员的职业与备案职业（电工）不一致，请补充电工考评员并附考评员证书复印件后重新提交。',
  });
}
