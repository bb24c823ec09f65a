import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './harness.ts';

/**
 * Item 10's budget, read from the build manifest (web/dist/.vite/manifest.json; `npm run build` first): the JavaScript a
 * first view downloads is the entry plus its page's chunk plus every chunk reachable from those through static
 * imports (dynamic imports load later, on demand). Sizes are gzip level 9 of the built files.
 */
interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const SHELL = 'src/app/app-shell.tsx';
const HOME = 'src/features/home/components/home-page.tsx';
const LOGIN = 'src/features/auth/components/login-page.tsx';
const CATALOG = 'src/features/institutions/components/public-catalog-page.tsx';
const EXAM = 'src/features/exam/components/exam-page.tsx';
const VERIFY = 'src/features/certificates/components/verify-page.tsx';
const ROOT_GATE = 'src/app/root-gate.tsx';
const PUBLIC_HOME = 'src/features/certificates/components/public-home-page.tsx';

const DIST = path.join(ROOT, 'web', 'dist');
const KB = 1024;
let manifest: Manifest;

beforeAll(() => {
  const file = path.join(DIST, '.vite', 'manifest.json');
  if (!fs.existsSync(file)) throw new Error('web/dist/.vite/manifest.json is missing: run `npm run build` first');
  manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
});

function keyOf(src: string): string {
  const key = Object.keys(manifest).find((k) => manifest[k]?.src === src || k === src);
  if (!key) throw new Error(`${src} is not in the build manifest`);
  return key;
}

/** The JS files loaded for these starting chunks: each one and everything it imports statically, transitively. */
function staticClosure(starts: string[]): Set<string> {
  const seen = new Set<string>();
  const files = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no chunk ${key}`);
    if (chunk.file.endsWith('.js')) files.add(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  for (const s of starts) visit(s);
  return files;
}

function gzipKb(files: Set<string>): number {
  let bytes = 0;
  for (const f of files) bytes += gzipSync(fs.readFileSync(path.join(DIST, f)), { level: 9 }).length;
  return Math.round((bytes / KB) * 10) / 10;
}

/** The entry plus the lazily loaded chunks the first view shows (for the app: its shell and the home page). */
function firstView(...pages: string[]): { files: Set<string>; kb: number } {
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entry) throw new Error('the manifest has no entry chunk');
  const files = staticClosure([entry, ...pages.map(keyOf)]);
  return { files, kb: gzipKb(files) };
}

describe('first-view JavaScript from the build manifest (gzip)', () => {
  it('the entry loads pages lazily: every page is its own dynamically imported chunk', () => {
    const entry = Object.values(manifest).find((c) => c.isEntry);
    expect(entry?.dynamicImports?.length ?? 0).toBeGreaterThanOrEqual(20);
  });

  it('the admin app (shell: antd, session check, layout; and the home page) ≤ 400 KB', () => {
    const admin = firstView(SHELL, HOME);
    console.info(`admin first view: ${admin.kb} KB gzip in ${admin.files.size} files`);
    expect(admin.kb).toBeLessThanOrEqual(400);
  });

  it('the login page ≤ 150 KB', () => {
    const login = firstView(LOGIN);
    console.info(`login first view: ${login.kb} KB gzip in ${login.files.size} files`);
    expect(login.kb).toBeLessThanOrEqual(150);
  });

  it('the public catalog (/public/institutions) ≤ 150 KB', () => {
    const pub = firstView(CATALOG);
    console.info(`public catalog first view: ${pub.kb} KB gzip in ${pub.files.size} files`);
    expect(pub.kb).toBeLessThanOrEqual(150);
  });

  it('the candidate exam page (/exam) ≤ 150 KB', () => {
    const exam = firstView(EXAM);
    console.info(`exam page first view: ${exam.kb} KB gzip in ${exam.files.size} files`);
    expect(exam.kb).toBeLessThanOrEqual(150);
  });

  it('the verification page a QR code opens (/verify/:number) ≤ 150 KB', () => {
    const verify = firstView(VERIFY);
    console.info(`verify first view: ${verify.kb} KB gzip in ${verify.files.size} files`);
    expect(verify.kb).toBeLessThanOrEqual(150);
  });

  // The home page holds three forms (number, name + ID number, a pasted credential) and the session check that
  // decides between it and the app — a public page like the others.
  it('the public home page (/ without a session) ≤ 150 KB', () => {
    const home = firstView(ROOT_GATE, PUBLIC_HOME);
    console.info(`public home first view: ${home.kb} KB gzip in ${home.files.size} files`);
    expect(home.kb).toBeLessThanOrEqual(150);
  });

  it('the public pages load no Ant Design code', () => {
    for (const page of [LOGIN, CATALOG, EXAM, VERIFY, PUBLIC_HOME, ROOT_GATE]) {
      const code = [...firstView(page).files].map((f) => fs.readFileSync(path.join(DIST, f), 'utf8')).join('\n');
      expect(code).not.toContain('ant-btn');
    }
  });

  it('ECharts is not part of any first view', () => {
    for (const pages of [[SHELL, HOME], [LOGIN], [CATALOG], [EXAM]]) {
      expect([...firstView(...pages).files].some((f) => f.includes('bar-chart-canvas'))).toBe(false);
    }
  });
});
