import { expect } from 'vitest';
import { client } from './api.ts';
import type { TestApp } from './test-app.ts';

type Call = ReturnType<typeof client>;

/** Uploads a small document as the caller's organisation and returns its id. */
export async function upload(call: Call, filename = '备案申请表.pdf'): Promise<string> {
  const res = await call('POST', '/api/attachments', {
    filename,
    mimeType: 'application/pdf',
    contentBase64: Buffer.from(`%PDF-1.4 ${filename}`).toString('base64'),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

export interface ScopeLineInput {
  occupationCode?: string;
  level?: number;
  specialItemId?: string;
  workType?: string;
}

/** A complete application body (sites, assessor roster, attachment). */
export async function filingBody(call: Call, scope: ScopeLineInput[], kind: 'skill_level' | 'special_ability' = 'skill_level') {
  return {
    kind,
    contactName: '王老师',
    contactPhone: '021-12345678',
    scope,
    sites: [{ name: '实训楼A座', address: '校内实训楼A座3层', capacity: 60, owned: true }],
    assessors: [{ name: '李考评', certificateNo: 'KPY-2024-001', affiliation: 'teacher' as const }],
    attachmentIds: [await upload(call)],
  };
}

/** Drafts a filing as `schoolUser` and returns its id. */
export async function draftFiling(
  t: TestApp,
  schoolUser: string,
  scope: ScopeLineInput[],
  kind: 'skill_level' | 'special_ability' = 'skill_level',
): Promise<string> {
  const call = client(t, await t.login(schoolUser));
  const res = await call('POST', '/api/filings', await filingBody(call, scope, kind));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

export const PASSING_SHEET = {
  panel: [
    { name: '张专家', organisation: '上海市职业技能鉴定中心' },
    { name: '刘专家', organisation: '上海市教育委员会' },
    { name: '陈专家', organisation: '行业企业' },
  ],
  scores: [
    { criterion: '组织机构与制度', maxScore: 30, score: 26 },
    { criterion: '场地设施', maxScore: 30, score: 24 },
    { criterion: '考评员队伍', maxScore: 40, score: 33 },
  ],
};

/** Moves a call's transition and expects success; returns the filing. */
export async function act(call: Call, id: string, body: Record<string, unknown>) {
  const res = await call('POST', `/api/filings/${id}/transitions`, body);
  expect(res.status, `${String(body.action)}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}
