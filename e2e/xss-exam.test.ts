import { eq, inArray } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../server/src/bootstrap.ts';
import { loadConfig } from '../server/src/config.ts';
import { enrolments, items, itemVersions, persons, publicities } from '../server/src/db/schema.ts';
import type { EvaluationWorld } from '../server/test/helpers/evaluation.ts';
import { type ExamServer, examServer, seedExamData, staffApi } from './exam-harness.ts';
import { launchChromium, signInByApi } from './harness.ts';

/**
 * Issue 17 part 4, the exam screens (e2e/xss.test.ts covers the others): markup in an item's stem and options, and in
 * candidates' names, opened in Chromium on
 *  - the paper view bank staff see (`/papers/:id`, with the answers shown) and the candidate's-copy preview;
 *  - the candidate's exam page during a sitting (the waiting card, every question one at a time and all at once);
 *  - the invigilator's room screen;
 *  - the results screen (school staff and HR) with a mark record, and the public 公示 (masked names).
 * `window.__xss` stays undefined, no dialog, no console error, no element made of the payloads, and the text is on
 * the screen literally (the user can read it).
 *
 * Where the strings come from: the API accepts markup in stems and options (e2e/xss.test.ts stores one through
 * `POST /api/items`); candidate names refuse `<` and `>` at enrolment, so names with markup are written straight to the
 * table here — a name as an older import or another system might have left it — to show the screens do not rely on
 * that rule for their safety.
 */

const XSS = [
  '<img src=x onerror=window.__xss=1>',
  '<script>window.__xss=1</script>',
  'javascript:window.__xss=1',
  '"><svg onload=window.__xss=1>',
  '<a href="javascript:window.__xss=1">点我</a>',
  "'><iframe src=javascript:window.__xss=1>",
];
const SCHOOL = 'lg_school_admin';

let browser: Browser;
let server: ExamServer;
let world: EvaluationWorld;
/** Stems and option texts as stored, per theory item. */
let stems: string[];
let optionTexts: string[];
let candidateName: string;
let resultsPlanId: string;
let resultNames: string[];

/** Open the seeded data directory once more (the server is not running yet) and store the markup. */
async function storeMarkup(dataDir: string, w: EvaluationWorld): Promise<void> {
  const config = { ...loadConfig({}, []), dataDir, databaseUrl: undefined, seedDemo: true, logLevel: 'silent' as const };
  const { database } = await prepareDatabase(config);
  const db = database.db;
  try {
    const ids = [...w.theory.objectiveItemIds, ...w.theory.subjectiveItemIds];
    const rows = await db.select().from(items).where(inArray(items.id, ids));
    stems = [];
    optionTexts = [];
    for (const [k, row] of rows.entries()) {
      const stem = `题干${k + 1}：${XSS[k % XSS.length]} 请选择`;
      const options = (row.options as { key: string; text: string }[]).map((o, i) => {
        const text = `选项${k + 1}${o.key}：${XSS[(k + i + 1) % XSS.length]}`;
        optionTexts.push(text);
        return { key: o.key, text };
      });
      stems.push(stem);
      await db.update(items).set({ stem, options }).where(eq(items.id, row.id));
      // The version the paper keeps (what the paper view and the copies read), as the bank service writes it.
      const content = {
        areaCode: row.areaCode,
        pointCode: row.pointCode,
        stem,
        options,
        answer: row.answer,
        referenceAnswer: row.referenceAnswer,
        points: row.points,
        difficulty: row.difficulty,
        analysis: row.analysis,
        rubric: row.rubric ?? null,
      };
      await db
        .insert(itemVersions)
        .values({ itemId: row.id, version: row.version, content })
        .onConflictDoUpdate({ target: [itemVersions.itemId, itemVersions.version], set: { content } });
    }
    candidateName = `考生${XSS[3]}`;
    await db.update(persons).set({ name: candidateName }).where(eq(persons.id, w.candidates[0]!.personId));

    // The demo plan with published results (the one on the public 公示): its candidates renamed with markup.
    const [published] = await db.select({ planId: publicities.planId }).from(publicities).limit(1);
    if (!published) throw new Error('the demo world has no published results');
    resultsPlanId = published.planId;
    const enrolled = await db.select({ personId: enrolments.personId }).from(enrolments).where(eq(enrolments.planId, resultsPlanId)).limit(XSS.length);
    resultNames = [];
    for (const [i, e] of enrolled.entries()) {
      const name = `${'赵钱孙李周吴'[i]}${XSS[i]}`;
      resultNames.push(name);
      await db.update(persons).set({ name }).where(eq(persons.id, e.personId));
    }
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  const seeded = await seedExamData(() => [
    { candidates: 1, theoryStartsInMinutes: -1, theoryDurationMinutes: 60, minMinutesBeforeSubmit: 0, theorySubjective: 1 },
  ]);
  world = seeded.worlds[0]!;
  await storeMarkup(seeded.dataDir, world);
  server = await examServer(seeded.dataDir);
  await server.start();
  browser = await launchChromium();
  const school = await staffApi(server.baseUrl, SCHOOL);
  await school('POST', `/api/sittings/${world.theory.sittingId}/prepare`);
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

/** Every text is on the screen as text; nothing ran; no element, handler or link was made out of the payloads. */
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
  const made = await page.evaluate(() => ({
    elements: document.querySelectorAll('img[src="x"], svg[onload], iframe, script:not([src]), a[href^="javascript:" i]').length,
    handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
  }));
  expect(made).toEqual({ elements: 0, handlers: 0 });
  expect(problems).toEqual([]);
}

describe('markup in the exam screens is shown as text and never runs', () => {
  it('the paper view (bank staff): every stem and option, with the answers shown, and a candidate’s copy', async () => {
    const { page, problems } = await watchedPage(SCHOOL);
    await page.goto(`${server.baseUrl}/papers/${world.theory.paperId}`);
    await page.getByTestId('paper-items').waitFor();
    await page.getByTestId('paper-show-answers').click();
    // every row opened: the item as the candidate reads it, with its options
    const expanders = page.getByTestId('paper-items').locator('button.ant-table-row-expand-icon');
    await expect.poll(() => expanders.count()).toBe(stems.length);
    for (let n = 0; n < stems.length; n++) await expanders.nth(n).click();
    await expect.poll(() => page.getByTestId('paper-items').locator('tr.ant-table-expanded-row:visible').count()).toBe(stems.length);
    await expectShownInert(page, problems, [...stems, ...optionTexts]);
    await page.getByTestId('paper-candidate-view').click();
    const key = page.getByTestId('candidate-key').locator('input');
    await key.fill(world.candidates[0]!.theoryExamNumber);
    await key.press('Enter');
    await page.getByTestId('candidate-view').waitFor();
    await expectShownInert(page, problems, [...stems, ...optionTexts]);
    await page.context().close();
  });

  it('the candidate’s exam page: the name, each question one at a time and all at once; an answer saves', async () => {
    const c = world.candidates[0]!;
    const { page, problems } = await watchedPage();
    await page.goto(`${server.baseUrl}/exam`);
    // the page's own question on arrival (is there a sitting open on this device? 409 EXAM.NO_SESSION) is not about what we show
    await page.waitForLoadState('networkidle');
    problems.length = 0;
    await page.getByTestId('exam-signin-number').fill(c.theoryExamNumber);
    await page.getByTestId('exam-signin-id').fill(c.idNumber);
    await page.getByTestId('exam-signin-submit').click();
    await page.getByTestId('exam-waiting').waitFor();
    await expectShownInert(page, problems, [candidateName]);
    await page.getByTestId('exam-start').and(page.locator(':enabled')).click();
    await page.getByTestId('exam-timer').waitFor();
    const count = await page.getByTestId('exam-nav-item').count();
    expect(count).toBe(stems.length);
    const seen: string[] = [];
    for (let n = 1; n <= count; n++) {
      await page
        .getByTestId('exam-nav-item')
        .nth(n - 1)
        .click();
      await expect.poll(() => page.getByTestId('exam-item').first().getAttribute('data-number')).toBe(String(n));
      const text = await page.getByTestId('exam-item').first().innerText();
      const stem = stems.find((s) => text.includes(s));
      expect(stem, text).toBeDefined();
      seen.push(stem!);
    }
    expect(new Set(seen).size).toBe(stems.length);
    // An option with markup is chosen like any other and saved.
    await page.getByTestId('exam-nav-item').first().click();
    const item = page.getByTestId('exam-item').first();
    const option = item.getByTestId('exam-option').first();
    if (await option.count()) {
      await option.click();
      await expect.poll(() => item.getByTestId('exam-save-state').getAttribute('data-state'), { timeout: 20_000 }).toBe('saved');
    }
    await page.getByTestId('exam-mode-all').click();
    await expectShownInert(page, problems, [candidateName, ...stems, ...optionTexts]);
    await page.context().close();
  });

  it('the invigilator’s room screen: the candidate’s name', async () => {
    const { page, problems } = await watchedPage(SCHOOL);
    await page.goto(`${server.baseUrl}/sittings/${world.theory.sittingId}/room`);
    await expectShownInert(page, problems, [candidateName]);
    await page.context().close();
  });

  it.each([SCHOOL, 'sh_hr'])('the results screen (%s): every candidate name, in the list and a mark record', async (username) => {
    const { page, problems } = await watchedPage(username);
    await page.goto(`${server.baseUrl}/plans/${resultsPlanId}/results`);
    await page.getByTestId('results-table').locator('[data-outcome]').first().waitFor();
    await expectShownInert(page, problems, resultNames);
    const row = page.getByTestId('results-table').locator('tr', { hasText: resultNames[0]! });
    await row.getByTestId('result-record').click();
    await page.getByTestId('mark-record').waitFor();
    await expectShownInert(page, problems, [resultNames[0]!]);
    await page.context().close();
  });

  it('the public 公示 (its snapshot taken before the renaming): names masked to their first character, nothing runs', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${server.baseUrl}/public/publicity/${resultsPlanId}`);
    await page.getByTestId('publicity-name').first().waitFor();
    const names = await page.getByTestId('publicity-name').allInnerTexts();
    for (const n of names) expect(n).toMatch(/^\S\*+$/u);
    await expectShownInert(page, problems, []);
    const body = await page.locator('body').innerText();
    for (const p of XSS) expect(body).not.toContain(p);
    await page.context().close();
  });
});
