import { ROLES } from '@skillcert/shared/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTestApp, ROLE_ACCOUNT, type TestApp } from './helpers/test-app.ts';

/**
 * Every list with a search box treats what was typed literally: `%` and `_` are letters, not LIKE wildcards (a search
 * for `%` used to list every row in the reader's scope). The demo world holds no `%` or `_` in any searched text, so
 * each list searched for them answers no rows — while searching for nothing answers some.
 */
const ACCOUNTS = ROLE_ACCOUNT;

let t: TestApp;
const cookies: string[] = [];
beforeAll(async () => {
  t = await makeTestApp();
  for (const role of ROLES) cookies.push(await t.login(ACCOUNTS[role]));
});
afterAll(async () => t.close());

type Listing = { items?: unknown[] };
const listing = (res: { headers: Record<string, unknown>; json: () => unknown }): Listing =>
  String(res.headers['content-type'] ?? '').includes('json') ? (res.json() as Listing) : {};

it('% and _ in a search are letters on every list that takes q', async () => {
  const lists = [...new Set(t.routes.filter((r) => r.method === 'GET' && r.url.startsWith('/api/') && !/[:*]/.test(r.url)).map((r) => r.url))];
  const checked: string[] = [];
  const failures: string[] = [];
  for (const url of lists) {
    for (const cookie of cookies) {
      const all = await t.app.inject({ method: 'GET', url, headers: { cookie } });
      if (all.statusCode !== 200) continue;
      const body = listing(all);
      if (!Array.isArray(body.items) || body.items.length === 0) break;
      // A list with a search box answers nothing for text no row holds; one without (q ignored or refused) answers as before.
      const probe = await t.app.inject({ method: 'GET', url: `${url}?q=zqx9`, headers: { cookie } });
      if (probe.statusCode !== 200 || listing(probe).items?.length !== 0) break;
      checked.push(url);
      for (const q of ['%25', '___', '%25%25', '%25_']) {
        const res = await t.app.inject({ method: 'GET', url: `${url}?q=${q}`, headers: { cookie } });
        const items = listing(res).items;
        if (res.statusCode !== 200 || !Array.isArray(items) || items.length !== 0) failures.push(`${url}?q=${q} → ${res.statusCode}, ${items?.length} rows`);
      }
      break;
    }
  }
  expect(failures).toEqual([]);
  // The lists the demo world fills and that search: users, institutions, filings, occupations, organisations, plans…
  expect(checked.length).toBeGreaterThanOrEqual(8);
});
