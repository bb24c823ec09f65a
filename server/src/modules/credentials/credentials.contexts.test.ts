import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentNotAvailableError, offlineDocumentLoader, packagedContexts, skillcertContext, skillcertContextUrl } from './credentials.contexts.ts';
import { secretVaultFromKey, SealedSecretError } from './credentials.secrets.ts';

// A real server the loader could reach: if it ever fetched, this counter would move.
let hits = 0;
let server: http.Server;
let base = '';
beforeAll(async () => {
  server = http.createServer((_req, res) => {
    hits++;
    res.setHeader('content-type', 'application/ld+json');
    res.end('{"@context":{}}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>((r) => server.close(() => r())));

describe('offline JSON-LD document loader', () => {
  it('serves VC 2.0, Data Integrity, Multikey, Bitstring Status List, DID v1 and our context from packages and the repository', async () => {
    const load = offlineDocumentLoader({ contextUrls: [skillcertContextUrl('http://localhost:3000')] });
    for (const url of [
      'https://www.w3.org/ns/credentials/v2',
      'https://w3id.org/security/data-integrity/v2',
      'https://w3id.org/security/multikey/v1',
      'https://www.w3.org/ns/credentials/status/v1',
      'https://www.w3.org/ns/did/v1',
    ]) {
      const r = await load(url);
      expect(r.documentUrl).toBe(url);
      expect(r.document).toHaveProperty('@context');
    }
    expect((await load('http://localhost:3000/contexts/skillcert/v1')).document).toBe(skillcertContext);
    expect(packagedContexts().size).toBeGreaterThanOrEqual(5);
  });

  it('refuses an unknown URL without fetching it (a reachable server sees no request)', async () => {
    const load = offlineDocumentLoader({ contextUrls: [] });
    await expect(load(`${base}/context.jsonld`)).rejects.toThrow(DocumentNotAvailableError);
    await expect(load('https://schema.org/')).rejects.toThrow(DocumentNotAvailableError);
    // The same URL is reachable: the counter proves the refusal above was not a failed fetch.
    expect(hits).toBe(0);
    await fetch(`${base}/context.jsonld`);
    expect(hits).toBe(1);
  });

  it('contexts are marked static (jsonld keeps them resolved for the process); other documents, which change, are not', async () => {
    const did = 'did:web:localhost%3A3000:issuers:x';
    const load = offlineDocumentLoader({
      contextUrls: [skillcertContextUrl('http://localhost:3000')],
      documents: (url) => (url === did ? { id: did } : undefined),
    });
    expect(await load('https://www.w3.org/ns/credentials/v2')).toMatchObject({ tag: 'static' });
    expect(await load('http://localhost:3000/contexts/skillcert/v1')).toMatchObject({ tag: 'static', document: skillcertContext });
    const didDocument = await load(did);
    expect(didDocument.document).toEqual({ id: did });
    expect(didDocument.tag).toBeUndefined();
  });

  it('our context is JSON-LD 1.1, protected, and defines the certificate terms', () => {
    const ctx = (skillcertContext as { '@context': Record<string, unknown> })['@context'];
    expect(ctx['@version']).toBe(1.1);
    expect(ctx['@protected']).toBe(true);
    for (const term of [
      'certificateNumber',
      'occupationCode',
      'occupationName',
      'workType',
      'level',
      'levelName',
      'institutionCode',
      'idType',
      'maskedName',
      'AchievementSubject',
      'Achievement',
      'achievement',
    ]) {
      expect(ctx, term).toHaveProperty(term);
    }
  });
});

describe('issuer keys sealed at rest', () => {
  it('round trip; another data key, another row binding, or an altered byte does not open', () => {
    const master = randomBytes(32);
    const vault = secretVaultFromKey(master);
    const sealed = vault.seal('z3u2en7t5LR2WtQH5PfsqMA1fWAHfjC8YhWZnPWnHQH', 'org#key-1');
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('z3u2en7t5');
    expect(vault.open(sealed, 'org#key-1')).toBe('z3u2en7t5LR2WtQH5PfsqMA1fWAHfjC8YhWZnPWnHQH');
    expect(secretVaultFromKey(Buffer.from(master)).open(sealed, 'org#key-1')).toBe('z3u2en7t5LR2WtQH5PfsqMA1fWAHfjC8YhWZnPWnHQH');
    expect(() => vault.open(sealed, 'org#key-2')).toThrow(SealedSecretError);
    expect(() => secretVaultFromKey(randomBytes(32)).open(sealed, 'org#key-1')).toThrow(SealedSecretError);
    const parts = sealed.split(':');
    const ct = Buffer.from(parts[3] ?? '', 'base64url');
    ct[0] = (ct[0] ?? 0) ^ 1;
    expect(() => vault.open([parts[0], parts[1], parts[2], ct.toString('base64url')].join(':'), 'org#key-1')).toThrow(SealedSecretError);
    expect(() => vault.open('garbage', 'org#key-1')).toThrow(SealedSecretError);
    expect(vault.seal('x', 'b')).not.toBe(vault.seal('x', 'b'));
  });
});
