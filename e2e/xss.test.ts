import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/src/demo/demo-world.ts';
import { idNumber } from '../server/test/helpers/enrolment-plan.ts';
import { PASSING_SHEET } from '../server/test/helpers/filings.ts';
import { planBody, ROSTER, ROBOT, SITES } from '../server/test/helpers/plans.ts';
import { launchChromium, type RunningServer, signInByApi, startServer } from './harness.ts';

/**
 * Issue 17 part 4: stored XSS shown without executing. Markup typed by one user into fields other users see — an
 * organisation name, display names, a filing's contact, sites and assessors, a reviewer's return reason, a plan title,
 * a public complaint's text, name and evidence file name, HR's note and answer, a violation's type, clause,
 * description, appeal and decision, an inspection's title, findings, 整改 item and answer, an item's stem and options,
 * a 公示 objection's text and answer, candidate names — is seeded through the API, then every screen that shows it is
 * opened in Chromium: `window.__xss` stays undefined, the text is shown literally, no console error, no dialog.
 * (The API half with SQL strings: server/test/xss-sql.test.ts.)
 */

const XSS = ['<img src=x onerror=window.__xss=1>', '<script>window.__xss=1</script>', 'javascript:window.__xss=1', '"><svg onload=window.__xss=1>'];
const SQLI = ["'; DROP TABLE users; --", "1' OR '1'='1"];
const PAYLOADS = [...XSS, ...SQLI];
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let server: RunningServer;
let browser: Browser;

type Call = <T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => Promise<T>;

async function api(username?: string, password = DEMO_PASSWORD): Promise<Call> {
  const base = server.baseUrl;
  let cookie = '';
  if (username) {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ username, password }),
    });
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (!login.ok || !cookie) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  }
  return async function call<T>(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<T> {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { ...(cookie ? { cookie } : {}), origin: base, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

interface Seeded {
  orgId: string;
  orgName: string;
  schoolUser: string;
  filingId: string;
  reason: string;
  planId: string;
  planTitle: string;
  trackingCode: string;
  matter: string;
  evidenceName: string;
}
let seeded: Seeded;

/** Everything through the API: a school named with markup, its people, a filing returned then listed, a plan, a complaint. */
async function seed(): Promise<Seeded> {
  const admin = await api('admin');
  const orgName = `学校${XSS[0]}`;
  const org = await admin<{ id: string }>('POST', '/api/organisations', {
    kind: 'school',
    name: orgName,
    regionCode: '310112',
    schoolType: 'higher_vocational',
  });
  const schoolUser = 'xss_school_admin';
  await admin('POST', '/api/users', { username: schoolUser, displayName: XSS[1], role: 'school_admin', orgId: org.id, password: 'Initial-Key-4821' });
  for (const [i, p] of PAYLOADS.entries()) {
    await admin('POST', '/api/users', { username: `xss_staff_${i}`, displayName: p, role: 'school_staff', orgId: org.id, password: 'Initial-Key-4821' });
  }
  await (await api(schoolUser, 'Initial-Key-4821'))('POST', '/api/auth/password', { currentPassword: 'Initial-Key-4821', newPassword: DEMO_PASSWORD });
  const school = await api(schoolUser);

  const attachment = await school<{ id: string }>('POST', '/api/attachments', {
    filename: `${XSS[3]}.pdf`,
    mimeType: 'application/pdf',
    contentBase64: Buffer.from('%PDF-1.4 xss').toString('base64'),
  });
  const filing = await school<{ id: string }>('POST', '/api/filings', {
    kind: 'skill_level',
    contactName: XSS[2],
    contactPhone: '021-12345678',
    scope: [{ occupationCode: ROBOT, level: 4 }],
    sites: [...SITES, ...PAYLOADS.map((p) => ({ name: p, address: `${p} 地址`, capacity: 30, owned: true }))],
    assessors: [...ROSTER, ...XSS.map((p, i) => ({ name: p.slice(0, 50), certificateNo: `KPY-XSS-${i}`, affiliation: 'teacher' }))],
    attachmentIds: [attachment.id],
  });
  const edu = await api('sh_edu');
  const hr = await api('sh_hr');
  const reason = `请补充：${PAYLOADS.join(' ')}`;
  const move = (call: Call, body: Record<string, unknown>) => call('POST', `/api/filings/${filing.id}/transitions`, body);
  await school('POST', `/api/filings/${filing.id}/submit`, {});
  await move(edu, { action: 'return', reason });
  await school('POST', `/api/filings/${filing.id}/submit`, {});
  await move(edu, { action: 'approve' });
  await move(hr, { action: 'start_assessment' });
  await move(hr, { action: 'assess', assessment: PASSING_SHEET });
  await move(hr, { action: 'report' });
  const listed = await move(hr, { action: 'list' });

  const planTitle = `2026 ${XSS[1]}`;
  const plan = await school<{ id: string }>('POST', '/api/plans', { ...planBody(), title: planTitle });

  const matter = `考场问题：${PAYLOADS.join(' ')}`;
  const evidenceName = `${XSS[0]}.png`;
  const { trackingCode } = await (await api())<{ trackingCode: string }>('POST', '/api/public/complaints', {
    institutionId: listed.institutionId,
    matter,
    name: XSS[3],
    contact: SQLI[0],
    evidence: [{ filename: evidenceName, contentBase64: PNG.toString('base64') }],
  });
  const me = await hr<{ id: string }>('GET', '/api/auth/me');
  const list = await hr<{ items: { id: string; trackingCode: string }[] }>('GET', '/api/complaints?pageSize=100');
  const complaintId = list.items.find((c) => c.trackingCode === trackingCode)!.id;
  await hr('POST', `/api/complaints/${complaintId}/assign`, { userId: me.id });
  await hr('POST', `/api/complaints/${complaintId}/notes`, { text: XSS[2] });
  await hr('POST', `/api/complaints/${complaintId}/answer`, { answer: `答复：${XSS[0]} ${SQLI[1]}` });
  return { orgId: org.id, orgName, schoolUser, filingId: filing.id, reason, planId: plan.id, planTitle, trackingCode, matter, evidenceName };
}

interface SeededSupervision {
  violation: string[];
  inspectionTitle: string;
  inspection: string[];
}
let supervision: SeededSupervision;

/**
 * 违规与处理 and 检查 against the Lingang institution: HR records a violation (type, clause, description) and the school
 * appeals with a reason HR answers; HR opens an inspection with findings and a 整改 item the school answers.
 */
async function seedSupervision(): Promise<SeededSupervision> {
  const hr = await api('sh_hr');
  const school = await api('lg_school_admin');
  const institutionId = (await school<{ items: { id: string }[] }>('GET', '/api/institutions')).items[0]!.id;
  const violation = {
    type: `违规${XSS[1]}`,
    rule: `第十九条${XSS[3]}`,
    description: `监考不足：${PAYLOADS.join(' ')}`,
    appeal: `申诉：${XSS[0]} ${SQLI[0]}`,
    decision: `维持：${XSS[2]}`,
  };
  const recorded = await hr<{ id: string }>('POST', '/api/violations', {
    institutionId,
    type: violation.type,
    severity: 'minor',
    description: violation.description,
    occurredOn: '2026-03-02',
    rule: violation.rule,
  });
  const appealed = await school<{ appeals: { id: string }[] }>('POST', `/api/violations/${recorded.id}/appeals`, { reason: violation.appeal });
  await hr('POST', `/api/violations/${recorded.id}/appeals/${appealed.appeals[0]!.id}/decision`, { grant: false, reason: violation.decision });

  const inspectionTitle = `专项检查${XSS[0]}`;
  const findings = `发现：${PAYLOADS.join(' ')}`;
  const item = `整改：${XSS[3]} ${SQLI[1]}`;
  const response = `已整改：${XSS[1]}`;
  const inspection = await hr<{ id: string }>('POST', '/api/inspections', { institutionId, kind: 'ad_hoc', title: inspectionTitle });
  await hr('PUT', `/api/inspections/${inspection.id}/findings`, { findings });
  const withItem = await hr<{ items: { id: string }[] }>('POST', `/api/inspections/${inspection.id}/items`, { description: item, dueOn: '2099-06-30' });
  await school('POST', `/api/inspections/${inspection.id}/items/${withItem.items[0]!.id}/response`, { response });
  return { violation: Object.values(violation), inspectionTitle, inspection: [inspectionTitle, findings, item, response] };
}

interface SeededSchoolWork {
  itemMarker: string;
  item: string[];
  publicityPlanId: string;
  objectionCode: string;
  objection: string[];
}
let schoolWork: SeededSchoolWork;

/**
 * The Lingang school's bank and 公示: an item whose stem and options carry markup, and an objection lodged on the
 * public page with markup in its name and text, answered by the school with markup.
 */
async function seedSchoolWork(): Promise<SeededSchoolWork> {
  const school = await api('lg_school_admin');
  const blueprint = (await school<{ id: string; theory: { code: string; points: { code: string }[] }[] }[]>('GET', '/api/blueprints'))[0]!;
  const itemMarker = '标记题XSS';
  const stem = `${itemMarker}：${XSS[0]} ${SQLI[0]}`;
  const options = [XSS[1], XSS[2], XSS[3], SQLI[1]];
  await school('POST', '/api/items', {
    blueprintId: blueprint.id,
    areaCode: blueprint.theory[0]!.code,
    pointCode: blueprint.theory[0]!.points[0]!.code,
    type: 'single',
    stem,
    options: options.map((text, i) => ({ key: 'ABCD'[i], text })),
    answer: ['B'],
    points: 1,
    difficulty: 3,
  });

  const anon = await api();
  const publicityPlanId = (await anon<{ items: { planId: string }[] }>('GET', '/api/public/publicity')).items[0]!.planId;
  const objection = { name: `异议人${XSS[3]}`.slice(0, 50), text: `异议：${PAYLOADS.join(' ')}`, answer: `复核：${XSS[0]} ${SQLI[1]}` };
  const { trackingCode } = await anon<{ trackingCode: string }>('POST', `/api/public/publicity/${publicityPlanId}/objections`, {
    name: objection.name,
    contact: '13900001111',
    text: objection.text,
  });
  const view = await school<{ objections: { id: string; trackingCode: string }[] }>('GET', `/api/plans/${publicityPlanId}/publicity`);
  const lodged = view.objections.find((o) => o.trackingCode === trackingCode)!;
  await school('POST', `/api/plans/${publicityPlanId}/objections/${lodged.id}/answer`, { answer: objection.answer });
  return { itemMarker, item: [stem, ...options], publicityPlanId, objectionCode: trackingCode, objection: [objection.text, objection.answer] };
}

/** Candidate names refuse `<` and `>` (enrolment rules); what a name may hold: quotes, a `javascript:` URL, SQL. */
const NAMES = ['javascript:window.__xss=1', '" onmouseover="window.__xss=1', "'; DROP TABLE users; --", "1' OR '1'='1"];

/**
 * The markup school's plan, submitted and acknowledged, with one candidate per name entered by hand; a name with
 * markup is refused.
 */
async function seedCandidates(): Promise<void> {
  const school = await api(seeded.schoolUser);
  const hr = await api('sh_hr');
  await school('POST', `/api/plans/${seeded.planId}/submit`, {});
  const supervisors = await hr<{ items: { id: string }[] }>('GET', '/api/users?q=sh_supervisor');
  await hr('POST', `/api/plans/${seeded.planId}/acknowledge`, { action: 'acknowledge', supervisorIds: [supervisors.items[0]!.id] });
  await (await api('admin'))('POST', `/api/organisations/${seeded.orgId}/majors`, { code: '460305', name: '工业机器人技术' });
  const candidate = (name: string, i: number) => ({
    name,
    idNumber: idNumber(901 + i),
    category: 'own_student',
    majorCode: '460305',
    className: '机器人2301',
    graduatingYear: 2027,
  });
  await expect(school('POST', `/api/plans/${seeded.planId}/enrolments`, candidate(XSS[0]!, 0))).rejects.toThrow(/ENROLMENT\.NAME_FORMAT/);
  for (const [i, name] of NAMES.entries()) await school('POST', `/api/plans/${seeded.planId}/enrolments`, candidate(name, i + 1));
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
  // Three independent seeds (the markup school; Lingang's supervision; Lingang's bank and 公示) at once.
  [seeded, supervision, schoolWork] = await Promise.all([seed(), seedSupervision(), seedSchoolWork()]);
  await seedCandidates();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A page that records console errors, page errors and dialogs (an alert() would be one). */
async function watchedPage(username?: string): Promise<{ page: Page; problems: string[] }> {
  const viewport = { width: 1366, height: 860 };
  // Signed in through the API (the cookie in the page's own context): these tests are about what the screens show.
  const { page } = username
    ? await signInByApi(browser, server.baseUrl, username, { viewport })
    : { page: await browser.newPage({ locale: 'zh-CN', viewport }) };
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { page, problems };
}

/** Every text is on the screen as text; nothing ran. */
async function expectShownInert(page: Page, problems: string[], texts: readonly string[]): Promise<void> {
  for (const s of texts) {
    await page
      .getByText(s, { exact: false })
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(async () => {
        throw new Error(`not shown: ${s}\n${await page.locator('body').innerText()}`);
      });
  }
  const body = await page.locator('body').innerText();
  for (const s of texts) expect(body).toContain(s);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  // no element was made out of the payloads
  expect(await page.locator('img[src="x"], svg[onload], script:not([src])').count()).toBe(0);
  expect(problems).toEqual([]);
}

describe('stored markup is shown as text and never runs', () => {
  it('the school’s users page: its name and every display name', async () => {
    const { page, problems } = await watchedPage(seeded.schoolUser);
    await page.goto(`${server.baseUrl}/users`);
    await expectShownInert(page, problems, [seeded.orgName, ...PAYLOADS]);
    await page.context().close();
  });

  it('the filing page: contact, sites, assessors and the return reason in the timeline', async () => {
    const { page, problems } = await watchedPage(seeded.schoolUser);
    await page.goto(`${server.baseUrl}/filings/${seeded.filingId}`);
    await expectShownInert(page, problems, [seeded.orgName, XSS[2], ...PAYLOADS, seeded.reason]);
    await page.context().close();
  });

  it('the plans list and the plan page: the title', async () => {
    const { page, problems } = await watchedPage(seeded.schoolUser);
    await page.goto(`${server.baseUrl}/plans`);
    await expectShownInert(page, problems, [seeded.planTitle]);
    await page.goto(`${server.baseUrl}/plans/${seeded.planId}`);
    await expectShownInert(page, problems, [seeded.planTitle]);
    await page.context().close();
  });

  it('HR’s complaint desk: the matter, the complainant, the evidence file name, the note and the answer', async () => {
    const { page, problems } = await watchedPage('sh_hr');
    await page.goto(`${server.baseUrl}/complaints`);
    const row = page.getByTestId('complaints-table').locator('tr', { hasText: seeded.trackingCode });
    await row.getByTestId('complaint-open').click();
    await page.getByTestId('complaint-drawer').waitFor();
    await expectShownInert(page, problems, [seeded.matter, XSS[3], seeded.evidenceName, XSS[2], `答复：${XSS[0]} ${SQLI[1]}`]);
    await page.context().close();
  });

  it('the public tracking page (no login)', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${server.baseUrl}/public/complaints/track/${seeded.trackingCode}`);
    await page.getByTestId('complaint-track-submit').click();
    await page.getByTestId('complaint-tracked').waitFor();
    await expectShownInert(page, problems, [seeded.matter, `答复：${XSS[0]} ${SQLI[1]}`]);
    await page.context().close();
  });

  it('the organisation page (platform admin)', async () => {
    const { page, problems } = await watchedPage('admin');
    await page.goto(`${server.baseUrl}/organisations/${seeded.orgId}`);
    await expectShownInert(page, problems, [seeded.orgName]);
    await page.context().close();
  });

  it('违规与处理 (the school): the type, the clause, the description, the appeal and HR’s decision', async () => {
    const { page, problems } = await watchedPage('lg_school_admin');
    await page.goto(`${server.baseUrl}/violations`);
    await page.getByTestId('violations-table').getByText(supervision.violation[2]!).click();
    await page.getByTestId('violation-drawer').waitFor();
    await expectShownInert(page, problems, supervision.violation);
    await page.context().close();
  });

  it('检查 (the school): the title, HR’s findings, the 整改 item and the school’s answer', async () => {
    const { page, problems } = await watchedPage('lg_school_admin');
    await page.goto(`${server.baseUrl}/inspections`);
    await page.getByTestId('inspections-table').getByText(supervision.inspectionTitle).click();
    await page.getByTestId('inspection-drawer').waitFor();
    await expectShownInert(page, problems, supervision.inspection);
    await page.context().close();
  });

  it('题库: an item’s stem and options in the list and the item drawer', async () => {
    const { page, problems } = await watchedPage('lg_school_admin');
    await page.goto(`${server.baseUrl}/bank?q=${encodeURIComponent(schoolWork.itemMarker)}`);
    await page.getByTestId('items-table').getByTestId('item-link').first().click();
    await page.getByTestId('item-detail').waitFor();
    await expectShownInert(page, problems, schoolWork.item);
    await page.context().close();
  });

  it('公示与异议 (the school’s results screen): the objection’s text and the school’s answer', async () => {
    const { page, problems } = await watchedPage('lg_school_admin');
    await page.goto(`${server.baseUrl}/plans/${schoolWork.publicityPlanId}/results`);
    await page.getByRole('tab', { name: '公示与异议' }).click();
    await page.locator('tr', { hasText: schoolWork.objectionCode }).waitFor();
    await expectShownInert(page, problems, schoolWork.objection);
    await page.context().close();
  });

  it('the enrolment list: every candidate name', async () => {
    const { page, problems } = await watchedPage(seeded.schoolUser);
    await page.goto(`${server.baseUrl}/plans/${seeded.planId}/enrolment`);
    await expectShownInert(page, problems, NAMES);
    await page.context().close();
  });
});
