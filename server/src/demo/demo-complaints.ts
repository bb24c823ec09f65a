import { eq, inArray, like } from 'drizzle-orm';
import { inTransaction } from '../context.ts';
import type { Db } from '../db/client.ts';
import { type ComplaintNote, complaints, institutions, organisations, users } from '../db/schema.ts';
import { newTrackingCode } from '../modules/publicity/publicity.service.ts';

const ago = (days: number) => new Date(Date.now() - days * 86_400_000);

/**
 * 投诉 in every state about the 临港 school (上海, 浦东): one new, waiting for sh_hr to assign it; one assigned to
 * sh_hr; one under investigation by pd_hr (浦东's bureau) with a note; one answered; one closed.
 */
export async function seedDemoComplaints(db: Db): Promise<void> {
  const [inst] = await db
    .select({ id: institutions.id, orgId: institutions.orgId, regionCode: organisations.regionCode })
    .from(institutions)
    .innerJoin(organisations, eq(organisations.id, institutions.orgId))
    .where(like(organisations.name, '%临港%'))
    .limit(1);
  if (!inst) return;
  const staff = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(inArray(users.username, ['sh_hr', 'pd_hr']));
  const shHr = staff.find((u) => u.username === 'sh_hr');
  const pdHr = staff.find((u) => u.username === 'pd_hr');
  if (!shHr || !pdHr) return;
  const note = (by: typeof shHr, text: string, daysAgo: number): ComplaintNote => ({
    at: ago(daysAgo).toISOString(),
    byUserId: by.id,
    byName: by.displayName,
    text,
  });
  const base = { institutionId: inst.id, orgId: inst.orgId, regionCode: inst.regionCode };
  const rows: (typeof complaints.$inferInsert)[] = [
    {
      ...base,
      trackingCode: newTrackingCode(),
      matter: '理论考试当天，考场内有考生多次使用手机查阅资料，监考人员未予制止。',
      name: '陈先生',
      contact: '13800138000',
      status: 'new',
      createdAt: ago(1),
    },
    {
      ...base,
      trackingCode: newTrackingCode(),
      matter: '报名时被要求额外缴纳“培训资料费”，未开具发票。',
      name: '刘女士',
      contact: 'liu@example.com',
      status: 'assigned',
      assignedTo: shHr.id,
      assignedAt: ago(3),
      createdAt: ago(5),
    },
    {
      ...base,
      trackingCode: newTrackingCode(),
      matter: '实操考核的考评员是本班任课教师，未回避。',
      name: '匿名考生',
      contact: '13900139000',
      status: 'investigating',
      assignedTo: pdHr.id,
      assignedAt: ago(9),
      notes: [note(pdHr, '已调取考评员抽取记录和场次安排，正在核对考评员与班级的任教关系。', 6)],
      createdAt: ago(10),
    },
    {
      ...base,
      trackingCode: newTrackingCode(),
      matter: '成绩公示期少于规定的工作日。',
      name: '赵同学',
      contact: '13700137000',
      status: 'answered',
      assignedTo: shHr.id,
      assignedAt: ago(18),
      notes: [note(shHr, '核对公示记录：公示期为 5 个工作日，符合本市政策配置。', 15)],
      answer: '经核查，该批次成绩公示期为 5 个工作日，符合规定。感谢您的监督。',
      answeredAt: ago(14),
      createdAt: ago(20),
    },
    {
      ...base,
      trackingCode: newTrackingCode(),
      matter: '证书查询平台查不到本人证书。',
      name: '孙先生',
      contact: '13600136000',
      status: 'closed',
      assignedTo: shHr.id,
      assignedAt: ago(38),
      notes: [note(shHr, '证书已签发，编号输入有误；已电话告知正确编号。', 36)],
      answer: '您的证书已签发，请按证书上的编号查询；如仍有问题请联系评价机构。',
      answeredAt: ago(35),
      closedAt: ago(30),
      createdAt: ago(40),
    },
  ];
  await inTransaction(db, { actor: null, requestId: 'demo-complaints' }, async (tx, audit) => {
    for (const row of rows) {
      const [c] = await tx.insert(complaints).values(row).returning({ id: complaints.id });
      await audit({
        action: 'complaint.lodge',
        targetType: 'complaint',
        targetId: c!.id,
        after: { trackingCode: row.trackingCode, institutionId: inst.id, demo: true },
      });
    }
  });
}
