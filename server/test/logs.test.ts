import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema.ts';
import { client, orgIdByName } from './helpers/api.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/**
 * What the server logs never holds query parameters, bodies, passwords or their hashes, uploaded files or ID numbers:
 * a flow runs with marker strings in each, the server's own log (pino to a stream) is captured and searched.
 */
const PASSWORD = 'Zq7-PWMARK-k91xv';
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$HASHMARK$abcdefabcdef';
const ID_NUMBER = '11010519491231002X';
const FILE_TEXT = 'FILEMARK confidential scan of a certificate';
const QUERY = 'QUERYMARK';

let t: TestApp;
let log = '';
beforeAll(async () => {
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      log += chunk.toString();
      done();
    },
  });
  t = await makeTestApp({ logger: { level: 'debug', stream } });
});
afterAll(async () => t.close());

describe('logs leak nothing', () => {
  it('a flow with a password, an ID number, a query and an uploaded file, and a failed insert, leaves none of them in the log', async () => {
    const admin = client(t, await t.login('admin'));
    const school = await orgIdByName(t, '上海浦江职业技术学院');
    const created = await admin('POST', '/api/users', {
      username: 'log_probe',
      displayName: `考评员 ${ID_NUMBER}`,
      role: 'assessor',
      orgId: school,
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    expect((await client(t)('POST', '/api/auth/login', { username: 'log_probe', password: PASSWORD })).status).toBe(200);
    expect((await client(t)('POST', '/api/auth/login', { username: 'log_probe', password: `${PASSWORD}-wrong` })).status).toBe(401);
    expect((await admin('GET', `/api/users?q=${ID_NUMBER}`)).status).toBe(200);
    expect((await admin('GET', `/api/organisations?q=${QUERY}`)).status).toBe(200);
    expect((await admin('GET', `/api/users/${ID_NUMBER}`)).status).toBe(400);
    const schoolAdmin = client(t, await t.login('school_admin'));
    const upload = await schoolAdmin('POST', '/api/attachments', {
      filename: `${ID_NUMBER}.txt`,
      mimeType: 'text/plain',
      contentBase64: Buffer.from(FILE_TEXT).toString('base64'),
    });
    expect(upload.status).toBe(201);
    const badJson = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: `{"username":"x","password":"${PASSWORD}"`,
    });
    expect(badJson.statusCode).toBe(400);

    // A failed insert, as the error handler logs an unexpected one: drizzle's error carries the row's values.
    const failed = await t.db
      .insert(users)
      .values({ username: 'ADMIN', displayName: ID_NUMBER, passwordHash: HASH, role: 'admin', orgId: school })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(failed).toBeInstanceOf(Error);
    expect(String((failed as Error).message)).toContain('HASHMARK'); // what would have leaked
    t.app.log.error({ err: failed }, 'unhandled error');

    // The log is there and useful: requests by method and path, the failed query and its constraint …
    expect(log).toContain('"url":"/api/users"');
    expect(log).toContain('"url":"/api/attachments"');
    expect(log).toContain('Failed query: insert into \\"users\\"');
    expect(log).toMatch(/users_username_uq/);
    // … and holds none of the markers.
    for (const marker of [
      'PWMARK',
      'HASHMARK',
      ID_NUMBER,
      '110105194912',
      'FILEMARK',
      Buffer.from(FILE_TEXT).toString('base64').slice(0, 12),
      QUERY,
      'argon2id',
    ]) {
      expect(log.includes(marker), `log contains ${marker}`).toBe(false);
    }
  });
});
