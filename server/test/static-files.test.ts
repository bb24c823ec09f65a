import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { prepareDatabase } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import type { App } from '../src/http/types.ts';

/**
 * The web build as the server sends it (item 10): precompressed twins with Content-Encoding, immutable caching for
 * hashed assets, no-cache for index.html and the client-side routes. A small build of its own, so the test does not
 * depend on `npm run build`; static files touch no database, so it runs on PGlite either way.
 */
const JS = `export const greeting = ${JSON.stringify('评价机构目录 '.repeat(200))};\n`;
const HTML = `<!doctype html><html><head><title>t</title></head><body><div id="root">${'<p>占位</p>'.repeat(80)}</div></body></html>`;

let app: App;
let close: () => Promise<void>;
let dist: string;

function writeWithTwins(file: string, text: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
}

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'skillcert-static-'));
  writeWithTwins(path.join(dist, 'index.html'), HTML);
  writeWithTwins(path.join(dist, 'assets', 'index-Ab12Cd34.js'), JS);
  fs.writeFileSync(path.join(dist, 'assets', 'tiny-Zz98Yy76.css'), 'a{}');
  fs.mkdirSync(path.join(dist, '.vite'));
  fs.writeFileSync(path.join(dist, '.vite', 'manifest.json'), '{}');
  const config = { ...loadConfig({}, []), databaseUrl: undefined, seedDemo: false, logLevel: 'silent', webDist: dist };
  const { database, identity } = await prepareDatabase(config, { inMemory: true });
  ({ app } = await buildApp({ db: database.db, dbKind: database.kind, config, identity }, false));
  close = async () => {
    await app.close();
    await database.close();
  };
});
afterAll(async () => {
  await close?.();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('static files of the web build', () => {
  it('a hashed asset goes brotli-compressed to a browser that accepts br, cached as immutable', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(JS);
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(JS) / 4);
  });

  it('gzip when brotli is not accepted; the plain file when neither is', async () => {
    const gz = await app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(JS);
    const plain = await app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(JS);
  });

  it('a small file without twins is sent as it is', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/tiny-Zz98Yy76.css', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe('a{}');
  });

  it('index.html and client-side routes are revalidated every time (no-cache)', async () => {
    for (const url of ['/', '/index.html']) {
      const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString(), url).toBe(HTML);
    }
    const route = await app.inject({ method: 'GET', url: '/filings/12' });
    expect(route.statusCode).toBe(200);
    expect(route.headers['cache-control']).toBe('no-cache');
    expect(route.body).toBe(HTML);
  });

  it('the build manifest and the twins are not served as pages of their own', async () => {
    const manifest = await app.inject({ method: 'GET', url: '/.vite/manifest.json' });
    expect(manifest.body).not.toBe('{}');
    const twin = await app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js.br' });
    expect(twin.headers['content-type']).toMatch(/text\/html/);
  });
});
