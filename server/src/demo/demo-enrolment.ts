import { idCardCheckChar } from '@skillcert/shared/validators/id-card';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import type { Db } from '../db/client.ts';
import { persons, users } from '../db/schema.ts';
import { candidatesWorkbook } from '../modules/enrolments/enrolments.excel.ts';
import { arrangePlan } from '../modules/enrolments/enrolments.seating.ts';
import { commitImport } from '../modules/enrolments/enrolments.service.ts';
import { classOfDate } from '../modules/enrolments/enrolments.rules.ts';
import { partsAndSittings } from '../modules/enrolments/enrolments.repository.ts';
import type { IdentityVault } from '../modules/identity/identity.vault.ts';
import { normalisePhoto } from '../modules/photos/photos.image.ts';
import { as } from './demo-filings.ts';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
  '梁',
  '郑',
  '谢',
  '宋',
];
const GIVEN = [
  '子涵',
  '浩然',
  '欣怡',
  '宇轩',
  '梓萱',
  '俊杰',
  '雨桐',
  '明轩',
  '诗涵',
  '博文',
  '思琪',
  '天佑',
  '佳怡',
  '嘉豪',
  '若曦',
  '泽宇',
  '语嫣',
  '志强',
  '晓雯',
  '文博',
  '一诺',
  '子墨',
  '可馨',
  '皓轩',
];

/** A demo ID number: Pudong region code, a 2006 birth date, a sequence whose parity gives the gender. */
function demoId(i: number, female: boolean): string {
  const body = `310115${2006}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + ((i * 7) % 28)).padStart(2, '0')}${String(100 + i * 2 + (female ? 0 : 1)).slice(-3)}`;
  return body + idCardCheckChar(body);
}

/** A plain one-inch photo (light blue background, a grey bust) — stands in for the real one. */
async function demoPhoto(i: number): Promise<Buffer> {
  const hue = 180 + (i % 5) * 8;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="295" height="413"><rect width="295" height="413" fill="hsl(${hue},60%,85%)"/><circle cx="147" cy="160" r="70" fill="#7a7a7a"/><rect x="57" y="250" width="180" height="163" rx="80" fill="#5a5a5a"/></svg>`;
  return (await normalisePhoto(await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer())).jpeg;
}

/**
 * The acknowledged demo plan gets its candidates through the real workflow: 24 own graduating-year students imported
 * from the template (the demo `candidate` 段誉 among them, linked to that account), each with a photo, then seats
 * arranged with a fixed seed — so admission tickets can be printed on first start.
 */
export async function seedDemoEnrolment(db: Db, vault: IdentityVault, planId: string): Promise<void> {
  const school = await as(db, 'lg_school_admin');
  const { sittings } = await partsAndSittings(db, planId);
  const classOf = classOfDate(sittings[0]?.date ?? new Date().toISOString().slice(0, 10));
  const [candidate] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'candidate'));

  const rows: string[][] = [];
  for (let i = 0; i < 24; i++) {
    const female = i % 2 === 0;
    const name = i === 0 ? '段誉' : `${SURNAMES[i]}${GIVEN[i]}`;
    const id = demoId(i, i === 0 ? false : female);
    rows.push([
      name,
      '居民身份证',
      id,
      '',
      '',
      '本校学生',
      '',
      '460305 工业机器人技术',
      i % 2 ? '机电2301' : '机电2302',
      String(classOf),
      `1380013${String(8000 + i)}`,
      '',
      '',
      '',
    ]);
  }
  // The demo candidate account (段誉) is the person's account: the import then links it instead of creating one.
  if (candidate) {
    const first = rows[0]!;
    const sealed = vault.seal(first[2]!);
    await db.insert(persons).values({
      idType: 'resident_id',
      idCipher: sealed.cipher,
      idHash: sealed.hash,
      name: first[0]!,
      gender: 'male',
      birthDate: `${first[2]!.slice(6, 10)}-${first[2]!.slice(10, 12)}-${first[2]!.slice(12, 14)}`,
      userId: candidate.id,
      activatedAt: new Date(),
    });
  }
  const report = await commitImport(school, vault, planId, await candidatesWorkbook(rows));
  if (report.accepted !== rows.length)
    throw new Error(`demo enrolment refused rows: ${JSON.stringify(report.verdicts.filter((v) => !v.accepted).slice(0, 2))}`);
  const all = await db.select({ id: persons.id, name: persons.name }).from(persons);
  for (const [i, p] of all.entries()) {
    await db
      .update(persons)
      .set({ photo: await demoPhoto(i), photoWidth: 295, photoHeight: 413, photoAt: new Date() })
      .where(eq(persons.id, p.id));
  }
  await arrangePlan(school, vault, planId, 'demo-2026');
}
