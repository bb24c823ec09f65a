import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectError } from './helpers/api.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/** Papers on paper (issue 9, item 8): PDF and Word, the candidate's copy with its answer sheet, the key apart. */
let t: TestApp;
let school: ReturnType<typeof client>;
let paperId: string;
beforeAll(async () => {
  t = await makeTestApp();
  school = client(t, await t.login('school_admin'));
  const papers = await school('GET', '/api/papers');
  const theory = (papers.body.items as { id: string; part: string }[]).find((p) => p.part === 'theory');
  if (!theory) throw new Error('the demo world has no theory paper');
  paperId = theory.id;
});
afterAll(async () => t.close());

async function download(url: string, cookie?: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  return res;
}

const wordText = (bytes: Buffer) => strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!).replace(/<[^>]+>/g, '');

describe('printing a paper', () => {
  it('PDF: the candidate copy is a PDF with the CJK font embedded (subset), named after the paper', async () => {
    const res = await download(`/api/papers/${paperId}/print.pdf`, await t.login('school_admin'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.toString('latin1')).toContain('NotoSansSC');
    expect(res.rawPayload.length).toBeLessThan(3 * 1024 * 1024);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('试卷.pdf');
  });

  it('Word: sections titled 一、… （共 N 题，每题 M 分…）, then the answer sheet; no answers in the candidate copy', async () => {
    const res = await download(`/api/papers/${paperId}/print.docx`, await t.login('school_admin'));
    expect(res.statusCode).toBe(200);
    const text = wordText(res.rawPayload);
    expect(text).toMatch(/一、(单项选择题|多项选择题|判断题)（共 \d+ 题，每题 \d+(\.\d+)? 分/);
    expect(text).toContain('答题卡');
    expect(text).not.toContain('参考答案');
  });

  it('the answer key and marking scheme are a separate file, for those who manage the bank only', async () => {
    const res = await download(`/api/papers/${paperId}/print.docx?copy=key`, await t.login('school_admin'));
    expect(res.statusCode).toBe(200);
    const text = wordText(res.rawPayload);
    expect(text).toContain('参考答案及评分标准');
    expect(text).toContain('评分标准：每题');
    expect(text).not.toContain('答题卡');
    const pdfKey = await download(`/api/papers/${paperId}/print.pdf?copy=key`, await t.login('school_admin'));
    expect(pdfKey.statusCode).toBe(200);
    // 市教委 may read banks in its region but not hold their keys.
    expectError(await client(t, await t.login('sh_edu'))('GET', `/api/papers/${paperId}/print.pdf?copy=key`), 403);
  });

  it('an unknown copy is a 400; an unknown paper a 404; no session a 401', async () => {
    expectError(await school('GET', `/api/papers/${paperId}/print.pdf?copy=teacher`), 400, 'VALIDATION.FAILED');
    expectError(await school('GET', '/api/papers/00000000-0000-4000-8000-000000000000/print.docx'), 404);
    expectError(await client(t)('GET', `/api/papers/${paperId}/print.pdf`), 401);
  });
});
