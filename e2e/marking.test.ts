import path from 'node:path';
import type { QueueEntry } from '@skillcert/shared/api/marking';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, type SignedIn, useServerAndBrowser, signInByApi } from './harness.ts';

/**
 * 评分 end to end on the demo world's Lingang practical (two examiners and a chief examiner, lg_examiner1/2, lg_chief):
 * the two examiners mark a not-yet-marked candidate's first task blind — by exam number, never seeing the other's
 * mark — far apart; the item reaches the chief examiner's queue with both marks side by side; the chief decides with a
 * reason and the item leaves the queue.
 */

const e2e = useServerAndBrowser();

function loginAs(username: string, viewport = { width: 1280, height: 860 }): Promise<SignedIn> {
  return signInByApi(e2e.browser, e2e.server.baseUrl, username, { viewport }, '/');
}

async function queueOf(page: Page): Promise<QueueEntry[]> {
  const res = await page.request.get(`${e2e.server.baseUrl}/api/marking/queue`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { items: QueueEntry[] }).items;
}

/** Opens the entry in the queue screen and fills every criterion with `score(points)`. */
async function mark(page: Page, e: QueueEntry, score: (points: number) => number, comment: string) {
  await page.getByTestId('menu-marking').click();
  await page.getByTestId(`queue-entry-${e.examNumber}-${e.position}`).getByRole('button').click();
  await expect.poll(() => page.getByTestId('mark-exam-number').innerText()).toContain(e.examNumber);
  for (const c of e.rubric.criteria) await page.getByTestId(`score-${c.id}`).fill(String(score(c.points)));
  await page.getByTestId('mark-comment').fill(comment);
  await page.getByTestId('mark-save').click();
  await page.getByText('评分已保存').first().waitFor();
}

describe('marking in the browser', () => {
  it('two examiners mark blind, the disagreement reaches the chief examiner, who decides', async () => {
    const one = await loginAs('lg_examiner1');
    const entries = await queueOf(one.page);
    const target = entries.find((e) => e.myMark === null && e.position === 0 && e.planTitle.includes('实操评分中'));
    expect(target, 'the demo has an unmarked candidate').toBeDefined();
    const e = target!;
    // Blind: the screen names the candidate by exam number only.
    await one.page.getByTestId('menu-marking').click();
    await one.page.getByTestId('marking-queue').waitFor();
    await mark(one.page, e, (p) => p, '操作完整，符合规程');
    await one.page.screenshot({ path: path.join(SCREENSHOTS, 'marking-queue.png'), fullPage: true });
    await one.context.close();

    // The second examiner, on a phone, does not see the first examiner's mark or comment.
    const two = await loginAs('lg_examiner2', { width: 390, height: 844 });
    await two.page.goto(`${e2e.server.baseUrl}/marking`);
    await two.page.getByTestId(`queue-entry-${e.examNumber}-0`).getByRole('button').click();
    await expect.poll(() => two.page.getByTestId('mark-form').innerText()).toContain(e.examNumber);
    const form = await two.page.getByTestId('mark-form').innerText();
    expect(form).not.toContain('操作完整，符合规程');
    expect(form).not.toContain('唐立群');
    for (const c of e.rubric.criteria) await two.page.getByTestId(`score-${c.id}`).fill('0');
    await two.page.getByTestId('mark-comment').fill('未完成示教');
    await two.page.getByTestId('mark-save').click();
    await two.page.getByText('评分已保存').first().waitFor();
    await two.page.screenshot({ path: path.join(SCREENSHOTS, 'marking-phone.png'), fullPage: true });
    await two.context.close();

    // The chief examiner sees both marks side by side and decides with a reason.
    const chief = await loginAs('lg_chief');
    await chief.page.getByTestId('menu-disputes').click();
    const card = chief.page.getByTestId(`dispute-${e.examNumber}`);
    await card.waitFor();
    const marks = await card.getByTestId('dispute-marks').innerText();
    expect(marks).toContain('唐立群');
    expect(marks).toContain('秦卫东');
    expect(marks).toContain('未完成示教');
    await chief.page.screenshot({ path: path.join(SCREENSHOTS, 'marking-disputes.png'), fullPage: true });
    await card.getByTestId('decision-score').fill(String(Math.round(e.points / 2)));
    await card.getByTestId('decision-submit').click();
    await card.getByTestId('decision-error').waitFor();
    await card.getByTestId('decision-reason').fill('复看现场录像：示教完成一半，按一半计分');
    await card.getByTestId('decision-submit').click();
    await card.waitFor({ state: 'detached' });
    await chief.context.close();

    // The institution follows the progress and reads the whole mark record, the decision with its reason.
    const school = await loginAs('lg_school_admin');
    await school.page.goto(`${e2e.server.baseUrl}/plans/${e.planId}/marking`);
    await school.page.getByTestId('marking-progress').waitFor();
    await expect.poll(() => school.page.getByTestId('mark-record').innerText()).toContain('复看现场录像');
    await school.page.screenshot({ path: path.join(SCREENSHOTS, 'marking-progress.png'), fullPage: true });
    await school.context.close();
  });
});
