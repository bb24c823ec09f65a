import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { client, expectError, makeReviewer, makeSchool, reviewDrafts } from './helpers/api.ts';
import { ELECTRICIAN_BLUEPRINT, fillTemplate, generateBankRows } from './helpers/bank-workbook.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
type Call = ReturnType<typeof client>;

/** A school with an admin (author) and a staff member (reviewer), and its 电工 四级 blueprint. */
async function makeBankSchool() {
  const school = await makeSchool(t);
  const admin = client(t, await t.login(school.username));
  const staff = await makeReviewer(t, school);
  const bp = await admin('POST', '/api/blueprints', ELECTRICIAN_BLUEPRINT);
  expect(bp.status, JSON.stringify(bp.body)).toBe(201);
  return { ...school, admin, staff, blueprintId: bp.body.id as string };
}

/** Raw download with a session cookie (the JSON client does not keep binary bodies). */
async function fetchFile(cookie: string, url: string): Promise<{ status: number; body: Buffer; type: string }> {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
  return { status: res.statusCode, body: res.rawPayload, type: String(res.headers['content-type']) };
}

const single = (blueprintId: string, stem: string, over: Record<string, unknown> = {}) => ({
  blueprintId,
  areaCode: '2',
  pointCode: '2.2',
  type: 'single',
  stem,
  options: [
    { key: 'A', text: '戴绝缘手套' },
    { key: 'B', text: '先验电后接地' },
    { key: 'C', text: '带电作业' },
    { key: 'D', text: '无需措施' },
  ],
  answer: ['B'],
  points: 1,
  difficulty: 3,
  ...over,
});

beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

describe('blueprints (鉴定要素细目表)', () => {
  it('a school sets up a blueprint whose weights add up; one per occupation and level', async () => {
    const s = await makeBankSchool();
    const bp = await s.admin('GET', `/api/blueprints/${s.blueprintId}`);
    expect(bp.body.problems).toEqual([]);
    expect(bp.body.basis).toEqual({ kind: 'national_standard', year: 2018 });
    expectError(await s.admin('POST', '/api/blueprints', ELECTRICIAN_BLUEPRINT), 409, 'BLUEPRINT.EXISTS');
  });

  it('says which weights do not add up', async () => {
    const s = await makeBankSchool();
    const theory = ELECTRICIAN_BLUEPRINT.theory.map((a) => (a.code === '4' ? { ...a, weight: 30 } : a));
    const res = await s.admin('PUT', `/api/blueprints/${s.blueprintId}`, { theory, skills: ELECTRICIAN_BLUEPRINT.skills });
    expect(res.status).toBe(200);
    expect(res.body.problems).toEqual([
      { part: 'theory', areaCode: null, sum: 90, expected: 100 },
      { part: 'theory', areaCode: '4', sum: 40, expected: 30 },
    ]);
    // …and no paper can be assembled on it
    expectError(
      await s.admin('POST', '/api/papers/assemble', { blueprintId: s.blueprintId, name: 'x', sections: [{ type: 'single', count: 5, points: 1 }] }),
      422,
      'BLUEPRINT.WEIGHTS',
    );
  });

  it('R5: no blueprint without a national standard or a filed 评价规范', async () => {
    const s = await makeBankSchool();
    const res = await s.admin('POST', '/api/blueprints', { ...ELECTRICIAN_BLUEPRINT, occupationCode: '4-04-05-13' });
    expectError(res, 422, 'BLUEPRINT.NO_BASIS');
    expect(res.body.error.details.rule).toBe('R5');
  });

  it('an area that items sit on cannot be removed', async () => {
    const s = await makeBankSchool();
    expect((await s.admin('POST', '/api/items', single(s.blueprintId, '停电检修时首先应当怎样做？'))).status).toBe(201);
    const theory = ELECTRICIAN_BLUEPRINT.theory.map((a) => (a.code === '2' ? { ...a, points: [{ code: '2.1', name: '电工基础', weight: 25 }] } : a));
    const res = await s.admin('PUT', `/api/blueprints/${s.blueprintId}`, { theory, skills: ELECTRICIAN_BLUEPRINT.skills });
    expectError(res, 409, 'BLUEPRINT.CODE_IN_USE');
    expect(res.body.error.details.codes).toEqual(['2/2.2']);
  });
});

describe('items: versions, review, validation', () => {
  it('an edit is a new version and goes back to draft; the author cannot review, a colleague can', async () => {
    const s = await makeBankSchool();
    const created = await s.admin('POST', '/api/items', single(s.blueprintId, '高压验电的正确顺序是？'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, status: 'draft', source: 'manual' });
    const id = created.body.id as string;
    expectError(await s.admin('POST', '/api/items/status', { ids: [id], status: 'reviewed' }), 409, 'ITEM.SELF_REVIEW');
    const reviewed = await s.staff('POST', '/api/items/status', { ids: [id], status: 'reviewed' });
    expect(reviewed.body).toEqual({ changed: 1, unchanged: 0 });
    const edited = await s.admin('PUT', `/api/items/${id}`, single(s.blueprintId, '高压验电的正确顺序是（　）。', { answer: ['A'] }));
    expect(edited.body).toMatchObject({ version: 2, status: 'draft', answer: ['A'] });
    expect(edited.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(edited.body.versions[1].content.answer).toEqual(['B']);
  });

  it('an answer key that names no option, a missing rubric, a stem that repeats another are refused', async () => {
    const s = await makeBankSchool();
    const bad = await s.admin('POST', '/api/items', single(s.blueprintId, '下列哪项正确？', { answer: ['E'] }));
    expectError(bad, 422, 'ITEM.INVALID');
    expect(bad.body.error.details.issues[0]).toEqual({ path: 'body.answer', message: '答案中的选项 E 不存在' });
    const badEn = await s.admin('POST', '/api/items', single(s.blueprintId, '下列哪项正确？', { answer: ['E'] }), { 'accept-language': 'en-US' });
    expect(badEn.body.error.details.issues[0]).toEqual({ path: 'body.answer', message: 'answer names no option: E' });
    const task = {
      blueprintId: s.blueprintId,
      areaCode: 'A',
      type: 'practical',
      stem: '完成三相异步电动机正反转控制线路的安装与调试。',
      points: 100,
      difficulty: 3,
    };
    expectError(await s.admin('POST', '/api/items', task), 422, 'ITEM.INVALID');
    const withRubric = await s.admin('POST', '/api/items', {
      ...task,
      rubric: {
        criteria: [
          { text: '元件布置', points: 20 },
          { text: '接线工艺', points: 50 },
          { text: '通电试车', points: 30 },
        ],
        vetoes: ['通电试车造成短路'],
        durationMinutes: 120,
      },
    });
    expect(withRubric.status).toBe(201);
    expect(withRubric.body.rubric.vetoes).toEqual(['通电试车造成短路']);
    expect((await s.admin('POST', '/api/items', single(s.blueprintId, '电气设备着火时应使用哪种灭火器？'))).status).toBe(201);
    const dup = await s.admin('POST', '/api/items', single(s.blueprintId, '电气设备着火时, 应使用哪种灭火器?'));
    expectError(dup, 409, 'ITEM.DUPLICATE');
    expect(dup.body.error.details.issues[0].message).toMatch(/^与题库中已有的试题 [0-9a-f-]{36} 重复/);
  });
});

describe('Excel import (all rows or none) and export', () => {
  it('imports a 500-item bank from the template; importing it again changes nothing; export re-imports unchanged', async () => {
    const s = await makeBankSchool();
    const cookie = await t.login(s.username);
    const template = await fetchFile(cookie, '/api/items/template.xlsx');
    expect(template.status).toBe(200);
    const file = await fillTemplate(template.body, generateBankRows(500, 7));
    const first = await s.admin('POST', '/api/items/import', { filename: 'bank.xlsx', contentBase64: file.toString('base64') });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ stored: true, rows: 500, created: 500, updated: 0, unchanged: 0, errors: [] });
    const again = await s.admin('POST', '/api/items/import', { contentBase64: file.toString('base64') });
    expect(again.body).toMatchObject({ stored: true, created: 0, unchanged: 500 });
    // the reviewer column of the file is ignored: every imported item is a draft until reviewed in the platform
    expect((await s.admin('GET', `/api/items?blueprintId=${s.blueprintId}&status=draft&pageSize=1`)).body.total).toBe(500);
    expect(await reviewDrafts(s.staff, s.blueprintId)).toBe(500);
    const page = await s.admin('GET', `/api/items?blueprintId=${s.blueprintId}&status=reviewed&pageSize=1`);
    expect(page.body.total).toBe(500);
    const exported = await fetchFile(cookie, `/api/items/export.xlsx?blueprintId=${s.blueprintId}`);
    const back = await s.admin('POST', '/api/items/import', { contentBase64: exported.body.toString('base64') });
    expect(back.body).toMatchObject({ stored: true, created: 0, updated: 0, unchanged: 500 });
  });

  it('stored items hold their content in their columns as their first version does: absent parts as NULL, drafts with no statistics', async () => {
    const s = await makeBankSchool();
    const cookie = await t.login(s.username);
    const template = await fetchFile(cookie, '/api/items/template.xlsx');
    const file = await fillTemplate(template.body, generateBankRows(40, 3));
    expect((await s.admin('POST', '/api/items/import', { contentBase64: file.toString('base64') })).body).toMatchObject({ stored: true, created: 40 });
    const task = await s.admin('POST', '/api/items', {
      blueprintId: s.blueprintId,
      areaCode: 'A',
      type: 'practical',
      stem: '完成单相电能表的接线与检查。',
      points: 12.5,
      difficulty: 2,
      rubric: { criteria: [{ text: '接线正确', points: 12.5 }], vetoes: [] },
    });
    expect(task.status, JSON.stringify(task.body)).toBe(201);
    const rows = await queryRows<Record<string, unknown>>(
      t.db,
      sql`select i.type, i.source, i.status, i.version, i.points, i.rubric is null as no_rubric, jsonb_typeof(i.rubric) as rubric_type,
            i.reference_answer is null as no_reference, i.stats_responses, i.flag_reasons, i.reviewer_id is null as unreviewed,
            v.edited_by = i.author_id as by_author, v.content->>'stem' = i.stem as same_stem, v.content->'options' = i.options as same_options,
            v.content->'answer' = i.answer as same_answer, v.content->>'areaCode' = i.area_code as same_area,
            (v.content->>'pointCode') is not distinct from i.point_code as same_point, (v.content->>'points')::float8 = i.points as same_points
          from items i join item_versions v on v.item_id = i.id and v.version = i.version where i.blueprint_id = ${s.blueprintId}`,
    );
    expect(rows).toHaveLength(41);
    const same = { same_stem: true, same_options: true, same_answer: true, same_area: true, same_point: true, same_points: true, by_author: true };
    const fresh = { status: 'draft', version: 1, stats_responses: 0, flag_reasons: [], unreviewed: true, no_reference: true };
    for (const r of rows.filter((r) => r.type !== 'practical')) expect(r).toMatchObject({ ...same, ...fresh, source: 'excel', no_rubric: true });
    expect(rows.find((r) => r.type === 'practical')).toMatchObject({ ...same, ...fresh, source: 'manual', rubric_type: 'object', points: 12.5 });
  });

  it('a workbook with errors stores nothing and reports each row in Chinese, also as comments (批注) in the user’s workbook', async () => {
    const s = await makeBankSchool();
    const cookie = await t.login(s.username);
    const template = await fetchFile(cookie, '/api/items/template.xlsx');
    const rows = generateBankRows(30, 11);
    rows[3] = { ...rows[3]!, type: '单选', options: ['甲', '乙', '丙', '丁'], answer: 'E' }; // row 5: answer names no option
    rows[7] = { ...rows[7]!, stem: '' }; // row 9: blank stem
    rows[12] = { ...rows[10]!, stem: ` ${rows[10]!.stem.replace('（　）', '( )')}` }; // row 14: duplicate of row 12 but for spaces and punctuation
    const file = await fillTemplate(template.body, rows);
    const res = await s.admin('POST', '/api/items/import', { contentBase64: file.toString('base64') }, { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(res.body).toMatchObject({ stored: false, rows: 30, created: 0 });
    const at = (row: number) => res.body.errors.filter((e: { row: number }) => e.row === row);
    expect(at(5)).toEqual([{ row: 5, column: 'Q', message: '答案中的选项 E 不存在' }]);
    expect(at(9)).toEqual([{ row: 9, column: 'H', message: '必填' }]);
    expect(at(14)).toEqual([{ row: 14, column: 'H', message: '第 14 行与第 12 行重复（题型和题干相同，已忽略空格和标点）' }]);
    const annotated = new ExcelJS.Workbook();
    await annotated.xlsx.load(Buffer.from(res.body.annotatedWorkbookBase64, 'base64') as unknown as ArrayBuffer);
    expect(annotated.worksheets[0]!.getCell('Q5').note).toBe('答案中的选项 E 不存在');
    expect(annotated.worksheets[0]!.getCell('H14').note).toBe('第 14 行与第 12 行重复（题型和题干相同，已忽略空格和标点）');
    expect((await s.admin('GET', `/api/items?blueprintId=${s.blueprintId}`)).body.total).toBe(0);

    // The same file from an English-speaking browser: the same rows and columns, in English.
    const en = await s.admin('POST', '/api/items/import', { contentBase64: file.toString('base64') }, { 'accept-language': 'en-US,en;q=0.9' });
    const enAt = (row: number) => en.body.errors.filter((e: { row: number }) => e.row === row);
    expect(enAt(5)).toEqual([{ row: 5, column: 'Q', message: 'answer names no option: E' }]);
    expect(enAt(9)).toEqual([{ row: 9, column: 'H', message: 'required' }]);
    expect(enAt(14)).toEqual([{ row: 14, column: 'H', message: expect.stringContaining('duplicates row 12') }]);
  });

  it('a row that repeats an item already in the bank is reported in the request’s language', async () => {
    const s = await makeBankSchool();
    const cookie = await t.login(s.username);
    const template = await fetchFile(cookie, '/api/items/template.xlsx');
    const file = await fillTemplate(template.body, generateBankRows(3, 5));
    expect((await s.admin('POST', '/api/items/import', { contentBase64: file.toString('base64') })).body.created).toBe(3);
    const edited = await fillTemplate(
      template.body,
      generateBankRows(3, 5).map((r) => ({ ...r, analysis: '改过的解析' })),
    );
    const zh = await s.admin('POST', '/api/items/import', { contentBase64: edited.toString('base64') });
    expect(zh.body.stored).toBe(false);
    expect(zh.body.errors[0]).toEqual({
      row: 2,
      column: 'H',
      message: expect.stringMatching(/^与题库中已有的试题 [0-9a-f-]{36} 重复（如要修改该题，请在本行填写它的题目ID）$/),
    });
    const en = await s.admin('POST', '/api/items/import', { contentBase64: edited.toString('base64') }, { 'accept-language': 'en-US' });
    expect(en.body.errors[0].message).toMatch(/^duplicate of existing item [0-9a-f-]{36} \(put its ID in the row to edit it\)$/);
  });

  it('a file that is not the template is refused as a whole', async () => {
    const s = await makeBankSchool();
    const res = await s.admin('POST', '/api/items/import', { contentBase64: Buffer.from('not a workbook').toString('base64') });
    expect(res.body.stored).toBe(false);
    expect(res.body.errors).toEqual([{ row: 0, column: '', message: expect.stringContaining('不是 .xlsx 格式的 Excel 工作簿') }]);
  });

  it('QTI import errors come in the request’s language', async () => {
    const s = await makeBankSchool();
    const foreign = `<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="ext-1" title="t">
      <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"><correctResponse><value>A</value></correctResponse></responseDeclaration>
      <itemBody><choiceInteraction responseIdentifier="RESPONSE" maxChoices="1"><prompt>保护接地线是什么颜色？</prompt>
        <simpleChoice identifier="A">黄绿双色</simpleChoice><simpleChoice identifier="B">蓝色</simpleChoice></choiceInteraction></itemBody>
    </assessmentItem>`;
    // errors name the file as uploaded, not a name made from the item's identifier
    const body = { filename: '接地线.xml', contentBase64: Buffer.from(foreign).toString('base64') };
    const zh = await s.admin('POST', '/api/qti/import', body);
    expect(zh.body).toMatchObject({ stored: false, errors: [{ file: '接地线.xml', message: '试题没有注明职业和等级，请选择要导入的细目表' }] });
    const placed = await s.admin('POST', '/api/qti/import', { ...body, blueprintId: s.blueprintId });
    expect(placed.body.errors).toEqual([{ file: '接地线.xml', message: '试题没有注明所属的知识领域或知识点；请在导入时选择细目表和知识点' }]);
    const en = await s.admin('POST', '/api/qti/import', body, { 'accept-language': 'en-US' });
    expect(en.body.errors).toEqual([{ file: '接地线.xml', message: 'the item carries no occupation and level; choose a target blueprint' }]);
    const junk = await s.admin('POST', '/api/qti/import', { contentBase64: Buffer.from('姓名,分数').toString('base64') });
    expect(junk.body.errors).toEqual([{ file: '（上传的文件）', message: '不是 zip 压缩包或 QTI XML 文件' }]);
  });
});

describe('paper assembly (组卷), QTI, statistics', () => {
  let s: Awaited<ReturnType<typeof makeBankSchool>>;
  let cookie: string;
  beforeAll(async () => {
    s = await makeBankSchool();
    cookie = await t.login(s.username);
    const template = await fetchFile(cookie, '/api/items/template.xlsx');
    const file = await fillTemplate(template.body, generateBankRows(500, 3));
    expect((await s.admin('POST', '/api/items/import', { contentBase64: file.toString('base64') })).body.created).toBe(500);
    expect(await reviewDrafts(s.staff, s.blueprintId)).toBe(500);
  });
  const SECTIONS = [
    { type: 'judge', count: 20, points: 1 },
    { type: 'single', count: 60, points: 1 },
    { type: 'multiple', count: 10, points: 2 },
  ];

  it('assembles two disjoint variants that meet the blueprint within the tolerance, and keeps the item versions', async () => {
    const res = await s.admin('POST', '/api/papers/assemble', {
      blueprintId: s.blueprintId,
      name: '电工四级理论',
      sections: SECTIONS,
      totalScore: 100,
      difficultyTarget: 3,
      variants: 2,
      seed: 'exam-1',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [a, b] = res.body.papers;
    for (const p of [a, b]) {
      expect(p.itemCount).toBe(90);
      expect(p.totalScore).toBe(100);
      expect(p.items.filter((i: { type: string }) => i.type === 'single')).toHaveLength(60);
      for (const c of p.coverage) expect(Math.abs(c.deviation)).toBeLessThanOrEqual(2);
      expect(new Set(p.items.map((i: { itemId: string }) => i.itemId)).size).toBe(90);
    }
    const inA = new Set(a.items.map((i: { itemId: string }) => i.itemId));
    expect(b.items.some((i: { itemId: string }) => inA.has(i.itemId))).toBe(false);
    // an edited item: the paper keeps the version it was built with
    const first = a.items[0];
    const item = (await s.admin('GET', `/api/items/${first.itemId}`)).body;
    const {
      id: _i,
      orgId: _o,
      occupationCode: _c,
      occupationName: _n,
      level: _l,
      version: _v,
      status: _s,
      answersHidden: _ah,
      authorName: _a,
      reviewerName: _r,
      reviewedAt: _ra,
      source: _so,
      stats: _st,
      createdAt: _ca,
      updatedAt: _u,
      versions: _vs,
      ...content
    } = item;
    expect((await s.admin('PUT', `/api/items/${first.itemId}`, { ...content, stem: `${item.stem}（修订）` })).status).toBe(200);
    const reread = await s.admin('GET', `/api/papers/${a.id}`);
    expect(reread.body.items[0]).toMatchObject({ itemId: first.itemId, version: 1, stem: item.stem });
  });

  it('a bank that cannot meet the blueprint is explained per area and type, and no paper is stored', async () => {
    const before = (await s.admin('GET', '/api/papers')).body.total;
    const res = await s.admin('POST', '/api/papers/assemble', {
      blueprintId: s.blueprintId,
      name: '超量',
      sections: [{ type: 'multiple', count: 60, points: 2 }],
      variants: 2,
    });
    expectError(res, 422, 'PAPER.BANK_INSUFFICIENT');
    const shortages = res.body.error.details.shortages as { areaCode: string; type: string; needed: number; available: number; short: number }[];
    expect(shortages.length).toBeGreaterThan(0);
    for (const x of shortages) {
      expect(x.type).toBe('multiple');
      expect(x.short).toBe(x.needed - x.available);
      expect(x.short).toBeGreaterThan(0);
    }
    expect((await s.admin('GET', '/api/papers')).body.total).toBe(before);
  });

  it('a dry run previews without storing; the same seed gives the same paper', async () => {
    const body = { blueprintId: s.blueprintId, name: '预览', sections: SECTIONS, variants: 1, seed: 'same', avoidRecentPapers: 0, dryRun: true };
    const one = await s.admin('POST', '/api/papers/assemble', body);
    const two = await s.admin('POST', '/api/papers/assemble', body);
    expect(one.status).toBe(200);
    expect(one.body.stored).toBe(false);
    expect(one.body.papers[0].items.map((i: { itemId: string }) => i.itemId)).toEqual(two.body.papers[0].items.map((i: { itemId: string }) => i.itemId));
  });

  it('per-candidate shuffles are reproducible and keep the answer on the same option', async () => {
    const paper = (await s.admin('GET', '/api/papers?pageSize=1')).body.items[0];
    const detail = (await s.admin('GET', `/api/papers/${paper.id}?answers=true`)).body;
    const v1 = (await s.admin('GET', `/api/papers/${paper.id}/candidate-view?candidate=310115200801011234`)).body;
    const v2 = (await s.admin('GET', `/api/papers/${paper.id}/candidate-view?candidate=310115200801011234`)).body;
    const other = (await s.admin('GET', `/api/papers/${paper.id}/candidate-view?candidate=310115200802021235`)).body;
    expect(v1).toEqual(v2);
    expect(v1.items.map((i: { itemId: string }) => i.itemId)).not.toEqual(other.items.map((i: { itemId: string }) => i.itemId));
    const byId = new Map(detail.items.map((i: { itemId: string }) => [i.itemId, i]));
    for (const shown of v1.items.filter((i: { type: string }) => i.type === 'single')) {
      const orig = byId.get(shown.itemId) as { options: { key: string; text: string }[]; answer: string[] };
      const rightText = orig.options.find((o) => o.key === orig.answer[0])!.text;
      expect(shown.options.find((o: { key: string }) => o.key === shown.answer[0]).text).toBe(rightText);
    }
  });

  it('QTI: a paper exported and re-imported loses nothing; into another school it becomes the same paper', async () => {
    const paper = (await s.admin('GET', '/api/papers?pageSize=1')).body.items[0];
    const detail = (await s.admin('GET', `/api/papers/${paper.id}?answers=true`)).body;
    const zip = await fetchFile(cookie, `/api/papers/${paper.id}/qti.zip`);
    expect(zip.status, zip.body.toString().slice(0, 500)).toBe(200);
    const entries = unzipSync(new Uint8Array(zip.body));
    expect(Object.keys(entries)).toContain('imsmanifest.xml');
    const back = await s.admin('POST', '/api/qti/import', { contentBase64: zip.body.toString('base64') });
    expect(back.body).toMatchObject({ stored: true, created: 0, updated: 0, unchanged: detail.itemCount, paperId: paper.id });

    const other = await makeBankSchool();
    const imported = await other.admin('POST', '/api/qti/import', { contentBase64: zip.body.toString('base64') });
    expect(imported.body).toMatchObject({ stored: true, created: detail.itemCount, unchanged: 0 });
    const copy = (await other.admin('GET', `/api/papers/${imported.body.paperId}?answers=true`)).body;
    const strip = (p: typeof detail) =>
      p.items.map((i: Record<string, unknown>) => [i.type, i.areaCode, i.pointCode, i.points, i.difficulty, i.stem, i.options, i.answer]);
    expect(strip(copy)).toEqual(strip(detail));
    expect(copy.totalScore).toBe(detail.totalScore);
    expect(copy.coverage).toEqual(detail.coverage);
    // a paper weight that is not a sensible number of points is refused, nothing stored
    const tampered = Object.fromEntries(
      Object.entries(entries).map(([name, bytes]) => [
        name,
        name.startsWith('tests/') ? strToU8(strFromU8(bytes).replace(/(<qti-weight[^>]*value=")[^"]*"/, '$11e308"')) : bytes,
      ]),
    );
    const third = await makeBankSchool();
    const refusedWeight = await third.admin('POST', '/api/qti/import', { contentBase64: Buffer.from(zipSync(tampered)).toString('base64') });
    expect(refusedWeight.body).toMatchObject({ stored: false, created: 0 });
    expect((await third.admin('GET', '/api/papers')).body.total).toBe(0);
    const twice = await other.admin('POST', '/api/qti/import', { contentBase64: zip.body.toString('base64') });
    expect(twice.body).toMatchObject({ stored: true, created: 0, unchanged: detail.itemCount, paperId: imported.body.paperId });
  });

  it('responses give facility and discrimination; items outside the thresholds are flagged for review', async () => {
    const paper = (await s.admin('GET', '/api/papers?pageSize=1')).body.items[0];
    const detail = (await s.admin('GET', `/api/papers/${paper.id}`)).body;
    // the first item was edited by an earlier test: its statistics are for its new version, which nobody has answered
    const [, easy, good] = detail.items as { itemId: string; points: number }[];
    // 30 candidates of rising ability: everyone gets `easy` right; `good` is right for the stronger half.
    const responses = Array.from({ length: 30 }, (_, c) => ({
      candidate: `c${c}`,
      scores: Object.fromEntries(
        detail.items.map((i: { itemId: string; points: number }, k: number) => [
          i.itemId,
          i.itemId === easy!.itemId ? i.points : i.itemId === good!.itemId ? (c >= 15 ? i.points : 0) : (k + c) % 30 < c ? i.points : 0,
        ]),
      ),
    }));
    const res = await s.admin('POST', `/api/papers/${paper.id}/responses`, { responses });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.candidates).toBe(30);
    const e = (await s.admin('GET', `/api/items/${easy!.itemId}`)).body.stats;
    expect(e).toMatchObject({ responses: 30, pValue: 1, flagged: true });
    expect(e.flagReasons).toContain('too_easy');
    const g = (await s.admin('GET', `/api/items/${good!.itemId}`)).body.stats;
    expect(g.pValue).toBe(0.5);
    expect(g.discrimination).toBeGreaterThan(0.5);
    expect(g.flagged).toBe(false);
    const flagged = await s.admin('GET', `/api/items?blueprintId=${s.blueprintId}&flagged=true&pageSize=200`);
    expect(flagged.body.items.map((i: { id: string }) => i.id)).toContain(easy!.itemId);
    expectError(
      await s.admin('POST', `/api/papers/${paper.id}/responses`, { responses: [{ candidate: 'x', scores: { [easy!.itemId]: 99 } }] }),
      422,
      'PAPER.RESPONSES_INVALID',
    );
  });
});

describe('practical papers (操作技能考核)', () => {
  it('tasks fit sections of their own points; a paper of one task per skill area meets the 技能要求比重表 exactly', async () => {
    const s = await makeBankSchool();
    const task = (areaCode: string, points: number, stem: string) => ({
      blueprintId: s.blueprintId,
      areaCode,
      type: 'practical',
      stem,
      points,
      difficulty: 3,
      rubric: {
        criteria: [
          { text: '工艺规范', points: points / 2 },
          { text: '功能验证', points: points / 2 },
        ],
        vetoes: ['带电作业'],
        durationMinutes: 60,
      },
    });
    const ids: string[] = [];
    for (const body of [
      task('A', 60, '按图安装三相异步电动机正反转控制线路并通电试车。'),
      task('A', 60, '按图安装带时间继电器的星三角降压启动线路并调试。'),
      task('B', 40, '排除机床电气控制线路中设置的两处故障并说明原因。'),
      task('B', 40, '用万用表与兆欧表查找照明配电回路中的接地故障。'),
    ]) {
      const res = await s.admin('POST', '/api/items', body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.id);
    }
    expect((await s.staff('POST', '/api/items/status', { ids, status: 'reviewed' })).body.changed).toBe(4);
    const sections = [
      { type: 'practical', count: 1, points: 60 },
      { type: 'practical', count: 1, points: 40 },
    ];
    const res = await s.admin('POST', '/api/papers/assemble', { blueprintId: s.blueprintId, name: '电工四级操作技能', sections, tolerance: 0, variants: 2 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    for (const p of res.body.papers) {
      expect(p.part).toBe('skills');
      expect(p.items.map((i: { areaCode: string; points: number }) => `${i.areaCode}${i.points}`).sort()).toEqual(['A60', 'B40']);
      expect(p.coverage.map((c: { deviation: number }) => c.deviation)).toEqual([0, 0]);
    }
    const short = await s.admin('POST', '/api/papers/assemble', {
      blueprintId: s.blueprintId,
      name: 'x',
      sections: [{ type: 'practical', count: 2, points: 50 }],
      tolerance: 20,
    });
    expectError(short, 422, 'PAPER.BANK_INSUFFICIENT');
    expect(short.body.error.details.shortages[0]).toMatchObject({ type: 'practical', points: 50, available: 0 });
    expectError(
      await s.admin('POST', '/api/papers/assemble', {
        blueprintId: s.blueprintId,
        name: 'x',
        sections: [
          { type: 'single', count: 10, points: 1 },
          { type: 'single', count: 5, points: 2 },
        ],
      }),
      422,
      'PAPER.SECTION_REPEATED',
    );
  });
});

describe('QTI from other platforms', () => {
  const QTI21 = `<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="ext-001" title="安全电压" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>C2</value></correctResponse>
  </responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <itemBody>
    <choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">
      <prompt>我国规定的安全电压额定值的等级之一是（　）。</prompt>
      <simpleChoice identifier="C1">220 V</simpleChoice>
      <simpleChoice identifier="C2">36 V</simpleChoice>
      <simpleChoice identifier="C3">110 V</simpleChoice>
    </choiceInteraction>
  </itemBody>
  <responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"/>
</assessmentItem>`;

  it('reports every problem of a package in one round, each under its real path in the package', async () => {
    const s = await makeBankSchool();
    const item3 = (
      id: string,
      body: string,
      declaration: string,
    ) => `<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="${id}" title="t" adaptive="false" time-dependent="false">
      ${declaration}
      <qti-outcome-declaration identifier="MAXSCORE" cardinality="single" base-type="float"><qti-default-value><qti-value>5</qti-value></qti-default-value></qti-outcome-declaration>
      <qti-item-body>${body}</qti-item-body></qti-assessment-item>`;
    const files = {
      'imsmanifest.xml': `<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="M"><resources>
        <resource identifier="a" type="imsqti_item_xmlv3p0" href="题目/简答 1.xml"/>
        <resource identifier="b" type="imsqti_item_xmlv3p0" href="题目/排序.xml"/>
        <resource identifier="c" type="imsqti_item_xmlv2p1" href="题目/单选.xml"/>
        <resource identifier="t" type="imsqti_test_xmlv3p0" href="试卷/卷一.xml"/>
      </resources></manifest>`,
      '题目/简答 1.xml': item3(
        'q-essay',
        '<qti-extended-text-interaction response-identifier="R"><qti-prompt>简述验电的步骤。</qti-prompt></qti-extended-text-interaction>',
        '<qti-response-declaration identifier="R" cardinality="single" base-type="string"/>',
      ),
      '题目/排序.xml': item3(
        'q-order',
        '<qti-order-interaction response-identifier="R"><qti-simple-choice identifier="A">a</qti-simple-choice></qti-order-interaction>',
        '',
      ),
      '题目/单选.xml': QTI21,
      '试卷/卷一.xml': `<qti-assessment-test xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="T1" title="卷一"><qti-test-part identifier="P" navigation-mode="linear" submission-mode="individual"><qti-assessment-section identifier="S" title="S" visible="true">
        <qti-assessment-item-ref identifier="r1" href="../题目/简答 1.xml"><qti-weight identifier="W" value="0"/></qti-assessment-item-ref>
        <qti-assessment-item-ref identifier="r2" href="../题目/排序.xml"/>
        <qti-assessment-item-ref identifier="r3" href="../题目/单选.xml"/>
      </qti-assessment-section></qti-test-part></qti-assessment-test>`,
    };
    const contentBase64 = Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])))).toString('base64');
    const res = await s.admin('POST', '/api/qti/import', { filename: 'pkg.zip', contentBase64, blueprintId: s.blueprintId }, { 'accept-language': 'en-US' });
    expect(res.body).toMatchObject({ stored: false, created: 0 });
    expect(res.body.errors).toEqual([
      {
        file: '题目/排序.xml',
        message: expect.stringMatching(/^unsupported interaction: orderInteraction; supported are choiceInteraction .* and extendedTextInteraction/),
      },
      { file: '试卷/卷一.xml', message: 'test refers to ../题目/排序.xml, an item that was refused (see that file’s error)' },
      { file: '试卷/卷一.xml', message: 'the paper gives item q-essay 0 points; it must be more than 0 and at most 100' },
      {
        file: '题目/简答 1.xml',
        message: 'the short-answer item has no reference answer: add a <qti-rubric-block view="scorer"> (a scorer rubric block counts as the reference answer)',
      },
      { file: '题目/简答 1.xml', message: 'the item names no knowledge area or point of the blueprint; choose a blueprint and point for the import' },
      { file: '题目/单选.xml', message: 'the item names no knowledge area or point of the blueprint; choose a blueprint and point for the import' },
    ]);
  });

  it('a QTI 2.1 item without skillcert metadata goes into the chosen blueprint and knowledge point', async () => {
    const s = await makeBankSchool();
    const contentBase64 = Buffer.from(QTI21).toString('base64');
    const noTarget = await s.admin('POST', '/api/qti/import', { filename: 'ext-001.xml', contentBase64 });
    expect(noTarget.body.stored).toBe(false);
    const noPoint = await s.admin('POST', '/api/qti/import', { filename: 'ext-001.xml', contentBase64, blueprintId: s.blueprintId });
    expect(noPoint.body.stored).toBe(false);
    expect(noPoint.body.errors[0].message).toContain('知识点');
    const placed = await s.admin('POST', '/api/qti/import', {
      filename: 'ext-001.xml',
      contentBase64,
      blueprintId: s.blueprintId,
      areaCode: '2',
      pointCode: '2.2',
    });
    expect(placed.body).toMatchObject({ stored: true, created: 1 });
    const item = (await s.admin('GET', `/api/items?blueprintId=${s.blueprintId}`)).body.items[0];
    expect(item).toMatchObject({ type: 'single', areaCode: '2', pointCode: '2.2', status: 'draft', source: 'qti', answer: ['B'] });
    expect(item.options.map((o: { text: string }) => o.text)).toEqual(['220 V', '36 V', '110 V']);
  });
});

describe('curriculum alignment (课程内容与国家职业技能标准对接)', () => {
  it('shows which blueprint areas the courses teach and which they leave bare', async () => {
    const s = await makeBankSchool();
    const course = await s.admin('POST', '/api/courses', {
      name: '电工技术基础',
      hours: 64,
      areas: [
        { blueprintId: s.blueprintId, part: 'theory', areaCode: '2' },
        { blueprintId: s.blueprintId, part: 'theory', areaCode: '3' },
      ],
    });
    expect(course.status).toBe(201);
    const cov = (await s.admin('GET', `/api/blueprints/${s.blueprintId}/coverage`)).body;
    expect(cov.theoryCovered).toBe(55);
    expect(cov.bare.map((b: { code: string }) => b.code)).toEqual(['1', '4']);
    expect(cov.courseExamMayReplaceTheory).toBe(false);
    await s.admin('POST', '/api/courses', {
      name: '电气控制与PLC',
      areas: [
        { blueprintId: s.blueprintId, part: 'theory', areaCode: '4' },
        { blueprintId: s.blueprintId, part: 'theory', areaCode: '1' },
      ],
    });
    const whole = (await s.admin('GET', `/api/blueprints/${s.blueprintId}/coverage`)).body;
    expect(whole.courseExamMayReplaceTheory).toBe(true);
    expectError(
      await s.admin('POST', '/api/courses', { name: '错', areas: [{ blueprintId: s.blueprintId, part: 'theory', areaCode: '9' }] }),
      422,
      'COURSE.UNKNOWN_AREA',
    );
  });
});

describe('review and integrity', () => {
  it('an item changed through Excel comes back as a draft, whatever the reviewer column says; its statistics start over', async () => {
    const s = await makeBankSchool();
    const cookie = await t.login(s.username);
    const template = await fetchFile(cookie, '/api/items/template.xlsx');
    const file = await fillTemplate(template.body, generateBankRows(20, 5));
    expect((await s.admin('POST', '/api/items/import', { contentBase64: file.toString('base64') })).body.created).toBe(20);
    expect(await reviewDrafts(s.staff, s.blueprintId)).toBe(20);
    const exported = await fetchFile(cookie, `/api/items/export.xlsx?blueprintId=${s.blueprintId}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const id = String(ws.getCell('A2').value);
    expect(String(ws.getCell('U2').value)).toBe('审核员'); // the account that reviewed it in the platform
    ws.getCell('T2').value = '解析已修订';
    const edited = await s.admin('POST', '/api/items/import', { contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') });
    expect(edited.body).toMatchObject({ stored: true, updated: 1, unchanged: 19 });
    const item = (await s.admin('GET', `/api/items/${id}`)).body;
    expect(item).toMatchObject({ version: 2, status: 'draft', reviewerName: null, analysis: '解析已修订' });
    expect(item.stats).toMatchObject({ responses: 0, flagged: false });
  });

  it('an import never marks items reviewed: a reviewer column naming anyone, even another account, leaves drafts', async () => {
    const s = await makeBankSchool();
    const cookie = await t.login(s.username);
    const template = await fetchFile(cookie, '/api/items/template.xlsx');
    for (const [i, reviewer] of ['测试管理员', '审核员', '教研室'].entries()) {
      const file = await fillTemplate(template.body, generateBankRows(3, 40 + i, reviewer));
      const res = await s.admin('POST', '/api/items/import', { contentBase64: file.toString('base64') });
      expect(res.body).toMatchObject({ stored: true, errors: [] });
    }
    const all = (await s.admin('GET', `/api/items?blueprintId=${s.blueprintId}&pageSize=200`)).body.items as { status: string; reviewerName: string | null }[];
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((i) => i.status === 'draft' && i.reviewerName === null)).toBe(true);
    // the writer cannot review them through the API either; a colleague can
    const ids = all.map((i) => (i as unknown as { id: string }).id);
    expectError(await s.admin('POST', '/api/items/status', { ids, status: 'reviewed' }), 409, 'ITEM.SELF_REVIEW');
    expect((await s.staff('POST', '/api/items/status', { ids, status: 'reviewed' })).body.changed).toBe(ids.length);
  });

  it('whoever wrote the current version cannot review it either', async () => {
    const s = await makeBankSchool();
    const created = await s.admin('POST', '/api/items', single(s.blueprintId, '兆欧表测量前应当先做什么？'));
    const id = created.body.id as string;
    expect((await s.staff('POST', '/api/items/status', { ids: [id], status: 'reviewed' })).status).toBe(200);
    const {
      id: _i,
      orgId: _o,
      occupationCode: _c,
      occupationName: _n,
      level: _l,
      version: _v,
      status: _s,
      answersHidden: _ah,
      authorName: _a,
      reviewerName: _r,
      reviewedAt: _ra,
      source: _so,
      stats: _st,
      createdAt: _ca,
      updatedAt: _u,
      versions: _vs,
      ...content
    } = created.body;
    expect((await s.staff('PUT', `/api/items/${id}`, { ...content, stem: '兆欧表测量前应当先做哪项检查？' })).body.version).toBe(2);
    expectError(await s.staff('POST', '/api/items/status', { ids: [id], status: 'reviewed' }), 409, 'ITEM.SELF_REVIEW');
    expect((await s.admin('POST', '/api/items/status', { ids: [id], status: 'reviewed' })).status).toBe(200);
  });

  it('an Excel row cannot move an item into another blueprint of the school', async () => {
    const s = await makeBankSchool();
    expect((await s.admin('POST', '/api/blueprints', { ...ELECTRICIAN_BLUEPRINT, level: 3 })).status).toBe(201);
    const cookie = await t.login(s.username);
    const template = await fetchFile(cookie, '/api/items/template.xlsx');
    const file = await fillTemplate(template.body, generateBankRows(2, 13));
    expect((await s.admin('POST', '/api/items/import', { contentBase64: file.toString('base64') })).body.created).toBe(2);
    const exported = await fetchFile(cookie, `/api/items/export.xlsx?blueprintId=${s.blueprintId}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.body as unknown as ArrayBuffer);
    wb.worksheets[0]!.getCell('C2').value = '三级';
    const res = await s.admin('POST', '/api/items/import', { contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') });
    expect(res.body.stored).toBe(false);
    expect(res.body.errors).toEqual([expect.objectContaining({ row: 2, column: 'C' })]);
  });

  it('an area a course is mapped to cannot be removed from the blueprint', async () => {
    const s = await makeBankSchool();
    expect((await s.admin('POST', '/api/courses', { name: '电气控制', areas: [{ blueprintId: s.blueprintId, part: 'theory', areaCode: '3' }] })).status).toBe(
      201,
    );
    const theory = [{ ...ELECTRICIAN_BLUEPRINT.theory[0]!, weight: 35 }, ...ELECTRICIAN_BLUEPRINT.theory.filter((a) => a.code !== '1' && a.code !== '3')];
    const res = await s.admin('PUT', `/api/blueprints/${s.blueprintId}`, { theory, skills: ELECTRICIAN_BLUEPRINT.skills });
    expectError(res, 409, 'BLUEPRINT.CODE_IN_USE');
    expect(res.body.error.details.codes).toEqual(['3']);
  });
});

describe('scope', () => {
  it('another school meets the bank as missing; HR of the region reads it but cannot write', async () => {
    const s = await makeBankSchool();
    const stranger = client(t, await t.login('school_admin'));
    expectError(await stranger('GET', `/api/blueprints/${s.blueprintId}`), 404);
    expectError(await stranger('POST', '/api/items', single(s.blueprintId, '越权写入的试题？')), 404);
    const hr = client(t, await t.login('sh_hr'));
    expect((await hr('GET', `/api/blueprints/${s.blueprintId}`)).status).toBe(200);
    const fjHr = client(t, await t.login('fj_hr'));
    expectError(await fjHr('GET', `/api/blueprints/${s.blueprintId}`), 404);
  });
});
