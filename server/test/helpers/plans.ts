import { expect } from 'vitest';
import { client } from './api.ts';
import { act, PASSING_SHEET, upload } from './filings.ts';
import type { TestApp } from './test-app.ts';

/** 工业机器人系统操作员 (2022 code), with a national standard (2020), levels 四级–一级. */
export const ROBOT = '6-31-07-03';

/** Nine 考评员 certified for ROBOT 四级/三级, one for another occupation, one expired. */
export const ROSTER = [
  ...Array.from({ length: 9 }, (_, i) => ({
    name: `考评员${i + 1}`,
    certificateNo: `KPY-T-${String(i + 1).padStart(3, '0')}`,
    occupationCode: ROBOT,
    levels: [4, 3],
    validTo: '2031-12-31',
    affiliation: i % 3 === 2 ? ('enterprise_expert' as const) : ('teacher' as const),
  })),
  { name: '电工考评员', certificateNo: 'KPY-T-ELEC', occupationCode: '6-31-01-03', levels: [4], affiliation: 'teacher' as const },
  { name: '过期考评员', certificateNo: 'KPY-T-OLD', occupationCode: ROBOT, levels: [4], validTo: '2024-12-31', affiliation: 'teacher' as const },
];
export const SITES = [
  { name: '智能制造实训中心', address: '校内实训楼B座', capacity: 60, owned: true },
  { name: '理论考试楼', address: '校内教学楼C座', capacity: 120, owned: true },
];

export interface ListedInstitution {
  institutionId: string;
  schoolUser: string;
  /** HR that listed it (and acknowledges its plans). */
  hrUser: string;
}

/**
 * A Shanghai school listed through the real workflow (school → 市教委 → HR assessment → report → list) with the given
 * scope, the declared sites and assessor roster above. Default: the demo school `school_admin`, ROBOT 四级 and 三级.
 */
export async function makeListedInstitution(
  t: TestApp,
  opts: { schoolUser?: string; scope?: { occupationCode: string; level: number }[] } = {},
): Promise<ListedInstitution> {
  const schoolUser = opts.schoolUser ?? 'school_admin';
  const school = client(t, await t.login(schoolUser));
  const created = await school('POST', '/api/filings', {
    kind: 'skill_level',
    contactName: '评价中心',
    contactPhone: '021-58880000',
    scope: opts.scope ?? [
      { occupationCode: ROBOT, level: 4 },
      { occupationCode: ROBOT, level: 3 },
    ],
    sites: SITES,
    assessors: ROSTER,
    attachmentIds: [await upload(school)],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as string;
  expect((await school('POST', `/api/filings/${id}/submit`, {})).status).toBe(200);
  const edu = client(t, await t.login('sh_edu'));
  const hr = client(t, await t.login('sh_hr'));
  await act(edu, id, { action: 'approve' });
  await act(hr, id, { action: 'start_assessment' });
  await act(hr, id, { action: 'assess', assessment: PASSING_SHEET });
  await act(hr, id, { action: 'report' });
  const listed = await act(hr, id, { action: 'list' });
  return { institutionId: listed.institutionId as string, schoolUser, hrUser: 'sh_hr' };
}

/** YYYY-MM-DD, `n` calendar days from today (UTC). */
export function daysFromNow(n: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const cert = (i: number) => ROSTER[i]!.certificateNo;

/**
 * A plan body that passes every check: ROBOT 四级 for own students, theory (2 invigilators, 30 seats) and practical
 * (3 examiners, 15 places) sittings at declared sites, the first sitting `firstDay` days ahead.
 */
export function planBody(firstDay = 30) {
  return {
    title: '2026 年第一批 工业机器人系统操作员 四级',
    occupationCode: ROBOT,
    level: 4,
    basis: 'national_standard',
    method: 'result',
    candidateSources: ['own_students'],
    capacity: 30,
    internalSupervisor: '钱督导',
    parts: [
      {
        kind: 'theory',
        durationMinutes: 90,
        sittings: [
          {
            date: daysFromNow(firstDay),
            startTime: '09:00',
            endTime: '10:30',
            site: '理论考试楼',
            room: 'C301',
            capacity: 30,
            staff: [
              { role: 'invigilator', certificateNo: cert(0) },
              { role: 'invigilator', certificateNo: cert(1) },
            ],
          },
        ],
      },
      {
        kind: 'practical',
        durationMinutes: 120,
        sittings: [
          {
            date: daysFromNow(firstDay + 1),
            startTime: '13:00',
            endTime: '15:00',
            site: '智能制造实训中心',
            room: 'B101',
            capacity: 15,
            classes: ['机电2201'],
            staff: [
              { role: 'chief_examiner', certificateNo: cert(2) },
              { role: 'examiner', certificateNo: cert(3) },
              { role: 'examiner', certificateNo: cert(4) },
            ],
          },
        ],
      },
    ],
  };
}

export type PlanBodyInput = ReturnType<typeof planBody>;
