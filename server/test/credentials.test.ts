import { createPublicKey, createHash, randomBytes, verify as edVerify } from 'node:crypto';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import * as vc from '@digitalbazaar/vc';
import { checkStatus, decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import didContext from 'did-context';
import { eq, sql } from 'drizzle-orm';
import jsonld from 'jsonld';
import * as rdfCanonize from 'rdf-canonize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { credentialIssuerKeys, credentialStatusLists } from '../src/db/schema.ts';
import { buildCertificateCredential, type Credential, type StatusEntry } from '../src/modules/credentials/credentials.document.ts';
import { secretVaultFromKey } from '../src/modules/credentials/credentials.secrets.ts';
import { createCredentialsKit, type CredentialsKit } from '../src/modules/credentials/credentials.service.ts';
import { guomiRequired, STATUS_LIST_LENGTH } from '../src/modules/credentials/credentials.rules.ts';
import { national2024 } from '../src/modules/policies/profiles/national.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let kit: CredentialsKit;
let orgs: { id: string; name: string }[];
let clientNo = 0;

beforeAll(async () => {
  t = await makeTestApp();
  kit = t.credentials;
  orgs = await queryRows<{ id: string; name: string }>(t.db, sql`select id, name from organisations order by name limit 6`);
  expect(orgs.length).toBeGreaterThanOrEqual(5);
});
afterAll(async () => t.close());

const org = (i: number) => {
  const o = orgs[i];
  if (!o) throw new Error(`no organisation ${i}`);
  return o;
};

function fieldsFor(issuer: { id: string; name: string }, status: StatusEntry, validFrom = new Date(), origin = kit.origin) {
  return {
    origin,
    issuerOrgId: issuer.id,
    issuerName: issuer.name,
    institutionCode: 'Y000031010001',
    certificateKind: '职业技能等级证书',
    certificateNumber: `Y00003101000126300${String(status.index).padStart(4, '0')}`,
    holderName: '段小明',
    maskedName: '段*',
    idType: '居民身份证',
    maskedIdNumber: '1101**********777X',
    occupationCode: '6-31-01-03',
    occupationName: '电工',
    workType: '--',
    level: 3,
    levelName: '三级/高级工',
    validFrom,
    status,
  };
}

async function issueOne(k: CredentialsKit, issuer: { id: string; name: string }, validFrom?: Date): Promise<Credential> {
  const status = await t.db.transaction((tx) => k.allocateStatusEntry(tx, issuer.id));
  return k.signCredential(t.db, issuer.id, buildCertificateCredential(fieldsFor(issuer, status, validFrom, k.origin)));
}

/** POST /api/public/verify from a client address of its own (the rate limit counts per address). */
async function publicVerify(body: unknown, remoteAddress = `10.0.${Math.floor(clientNo / 250)}.${(clientNo++ % 250) + 1}`) {
  const res = await t.app.inject({ method: 'POST', url: '/api/public/verify', payload: body as Record<string, unknown>, remoteAddress });
  return { status: res.statusCode, body: res.json(), headers: res.headers };
}

const outcome = (report: { checks: { check: string; outcome: string; reason: string }[] }, check: string) => report.checks.find((c) => c.check === check);

function changeName(c: Credential, name = '段小朋'): Credential {
  const copy = structuredClone(c) as Credential & { credentialSubject: { holderName: string } };
  copy.credentialSubject.holderName = name;
  return copy;
}

describe('signed certificate credential: sign and verify', () => {
  it('a credential we sign verifies: every check passes, and the API says the same', async () => {
    const signed = await issueOne(kit, org(0));
    expect(signed.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' });
    expect((signed['@context'] as string[])[0]).toBe('https://www.w3.org/ns/credentials/v2');
    const report = await kit.verifyCredential(t.db, signed);
    expect(report.checks.map((c) => `${c.check}:${c.outcome}`)).toEqual(['format:pass', 'issuer:pass', 'key:pass', 'signature:pass', 'status:pass']);
    expect(report.valid).toBe(true);
    const res = await publicVerify(signed);
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(true);
    expect(res.body.issuer.name).toBe(org(0).name);
  });

  it('a batch of one issuer is signed with one key look-up, each credential verifying on its own', async () => {
    const issuer = org(0);
    const entries = await t.db.transaction(async (tx) => [
      await kit.allocateStatusEntry(tx, issuer.id),
      await kit.allocateStatusEntry(tx, issuer.id),
      await kit.allocateStatusEntry(tx, issuer.id),
    ]);
    const signed = await kit.signCredentials(
      t.db,
      issuer.id,
      entries.map((e) => buildCertificateCredential(fieldsFor(issuer, e))),
    );
    expect(signed).toHaveLength(3);
    expect(new Set(signed.map((c) => (c.proof as { proofValue: string }).proofValue)).size).toBe(3);
    for (const c of signed) expect((await kit.verifyCredential(t.db, c)).valid).toBe(true);
  });

  it('one character of the name changed: the signature fails and it is never valid', async () => {
    const signed = await issueOne(kit, org(0));
    const report = await kit.verifyCredential(t.db, changeName(signed));
    expect(outcome(report, 'signature')?.outcome).toBe('fail');
    expect(report.valid).toBe(false);
    const res = await publicVerify(changeName(signed));
    expect(res.body.valid).toBe(false);
  });

  it('a signature from a key the issuer never had (#key-99, or posing as #key-1) fails', async () => {
    const issuer = org(0);
    await kit.ensureIssuerKey(t.db, issuer.id);
    const status = await t.db.transaction((tx) => kit.allocateStatusEntry(tx, issuer.id));
    const unsigned = buildCertificateCredential(fieldsFor(issuer, status));
    const did = kit.issuerDid(issuer.id);
    for (const [keyId, reason] of [
      [`${did}#key-99`, 'key.unknown'],
      [`${did}#key-1`, 'signature.invalid'],
    ] as const) {
      const rogue = await Ed25519Multikey.generate({ id: keyId, controller: did });
      const forged = await vc.issue({
        credential: structuredClone(unsigned),
        suite: new DataIntegrityProof({ signer: rogue.signer(), cryptosuite: eddsaRdfc2022 }),
        documentLoader: await appLoader(),
      });
      const report = await kit.verifyCredential(t.db, forged);
      expect(report.valid).toBe(false);
      expect(report.checks.some((c) => c.reason === reason && c.outcome === 'fail')).toBe(true);
      expect((await publicVerify(forged)).body.valid).toBe(false);
    }
  });

  it('an issuer that is not ours, or unknown, or garbage: not valid, and each later check says it could not run', async () => {
    const signed = await issueOne(kit, org(0));
    const otherHost = { ...structuredClone(signed), issuer: { id: 'did:web:evil.example:issuers:1' } };
    const r1 = await kit.verifyCredential(t.db, otherHost);
    expect(outcome(r1, 'issuer')).toMatchObject({ outcome: 'fail', reason: 'issuer.not_this_platform' });
    expect(outcome(r1, 'signature')?.outcome).toBe('could_not_check');
    expect(r1.valid).toBe(false);
    const unknown = { ...structuredClone(signed), issuer: { id: kit.issuerDid('00000000-0000-4000-8000-000000000000') } };
    expect(outcome(await kit.verifyCredential(t.db, unknown), 'issuer')?.reason).toBe('issuer.unknown');
    for (const junk of [{}, { '@context': 'x' }, { ...structuredClone(signed), proof: undefined }, { ...structuredClone(signed), validFrom: 'soon' }]) {
      const res = await publicVerify(junk);
      expect(res.status).toBe(200);
      expect(res.body.valid).toBe(false);
      expect(res.body.checks[0]).toMatchObject({ check: 'format', outcome: 'fail' });
    }
  });

  it('bad input to the public check: not JSON, an array, too large — clear 4xx, never 500', async () => {
    const notJson = await t.app.inject({
      method: 'POST',
      url: '/api/public/verify',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
      remoteAddress: '10.9.0.1',
    });
    expect(notJson.statusCode).toBe(400);
    const array = await t.app.inject({ method: 'POST', url: '/api/public/verify', payload: [1, 2], remoteAddress: '10.9.0.2' });
    expect(array.statusCode).toBe(400);
    const big = await t.app.inject({ method: 'POST', url: '/api/public/verify', payload: { pad: 'x'.repeat(70 * 1024) }, remoteAddress: '10.9.0.3' });
    expect(big.statusCode).toBe(400);
    expect(big.json().error.code).toBe('REQUEST.BODY_TOO_LARGE');
  });

  it('the issuer is refused when the credential names another one, and a key refuses a date before it was valid', async () => {
    const a = org(0);
    const b = org(1);
    const status = await t.db.transaction((tx) => kit.allocateStatusEntry(tx, a.id));
    await expect(kit.signCredential(t.db, b.id, buildCertificateCredential(fieldsFor(a, status)))).rejects.toMatchObject({
      code: 'CREDENTIAL.ISSUER_MISMATCH',
    });
    const longAgo = new Date(Date.now() - 400 * 86_400_000);
    await expect(kit.signCredential(t.db, a.id, buildCertificateCredential(fieldsFor(a, status, longAgo)))).rejects.toMatchObject({
      code: 'CREDENTIAL.KEY_NOT_VALID_AT_ISSUE',
    });
  });
});

describe('issuer keys: sealed at rest, rotation, did:web', () => {
  // A kit of the test's own (its own data key and clock) on the same database: rotation at chosen times.
  const dataKey = randomBytes(32);
  let clock = new Date(Date.now() - 2 * 86_400_000);
  const own = () => createCredentialsKit({ origin: kit.origin, vault: secretVaultFromKey(dataKey), now: () => clock });

  it('rotation: old credentials still verify with the old key, new ones use the new key; a key not yet valid at the issue date fails', async () => {
    const issuer = org(2);
    const k = own();
    clock = new Date(Date.now() - 2 * 86_400_000);
    const old = await issueOne(k, issuer, clock);
    expect((old.proof as { verificationMethod: string }).verificationMethod).toBe(`${k.issuerDid(issuer.id)}#key-1`);

    const rotatedAt = new Date(Date.now() - 86_400_000);
    clock = rotatedAt;
    const key2 = await k.rotateIssuerKey(t.db, issuer.id);
    expect(key2.keyNo).toBe(2);
    const fresh = await issueOne(k, issuer, clock);
    expect((fresh.proof as { verificationMethod: string }).verificationMethod).toBe(`${k.issuerDid(issuer.id)}#key-2`);

    // Creation and rotation are in the audit log, with the public key only.
    const audited = await queryRows<{ action: string; after: { keyNo: number; publicKeyMultibase: string } }>(
      t.db,
      sql`select action, after from audit_log where target_type = 'organisation' and target_id = ${issuer.id} and action like 'credential.key.%' order by seq`,
    );
    expect(audited.map((a) => `${a.action}:${a.after.keyNo}`)).toEqual(['credential.key.create:1', 'credential.key.rotate:2']);
    expect(audited[1]?.after.publicKeyMultibase).toBe(key2.publicKeyMultibase);
    expect(JSON.stringify(audited)).not.toMatch(/secret/i);

    // The app's own kit (another data key: verifying needs no secret) accepts both.
    expect((await kit.verifyCredential(t.db, old)).valid).toBe(true);
    expect((await kit.verifyCredential(t.db, fresh)).valid).toBe(true);

    // did.json lists both keys with their validity.
    const did = await t.app.inject({ method: 'GET', url: `/issuers/${issuer.id}/did.json` });
    expect(did.statusCode).toBe(200);
    const doc = did.json();
    expect(doc.id).toBe(`did:web:localhost%3A3000:issuers:${issuer.id}`);
    expect(doc.verificationMethod).toHaveLength(2);
    expect(doc.verificationMethod[0]).toMatchObject({ type: 'Multikey', keyValidUntil: rotatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z') });
    expect(doc.verificationMethod[1].keyValidUntil).toBeUndefined();
    expect(doc.assertionMethod).toEqual([`${doc.id}#key-1`, `${doc.id}#key-2`]);

    // Forged: signed with key 2 (its secret opened from the database) but dated before key 2 existed.
    const [row] = await t.db.select().from(credentialIssuerKeys).where(eq(credentialIssuerKeys.id, key2.id));
    const secretKeyMultibase = secretVaultFromKey(dataKey).open(row?.secretKeySealed ?? '', `${issuer.id}#key-2`);
    const pair = await Ed25519Multikey.from({ id: `${doc.id}#key-2`, controller: doc.id, publicKeyMultibase: key2.publicKeyMultibase, secretKeyMultibase });
    const status = await t.db.transaction((tx) => k.allocateStatusEntry(tx, issuer.id));
    const backdated = await vc.issue({
      credential: buildCertificateCredential(fieldsFor(issuer, status, new Date(rotatedAt.getTime() - 3600_000))),
      suite: new DataIntegrityProof({ signer: pair.signer(), cryptosuite: eddsaRdfc2022 }),
      documentLoader: await appLoader(),
    });
    const report = await kit.verifyCredential(t.db, backdated);
    expect(outcome(report, 'signature')?.outcome).toBe('pass');
    expect(outcome(report, 'key')).toMatchObject({ outcome: 'fail', reason: 'key.not_yet_valid' });
    expect(report.valid).toBe(false);
    expect((await publicVerify(backdated)).body.valid).toBe(false);
  });

  it('the private key is stored sealed: not the key itself, and it opens only with the data key and on its own row', async () => {
    const issuer = org(2);
    const rows = await t.db.select().from(credentialIssuerKeys).where(eq(credentialIssuerKeys.orgId, issuer.id));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const vault = secretVaultFromKey(dataKey);
    for (const r of rows) {
      expect(r.secretKeySealed).toMatch(/^v1:/);
      const secret = vault.open(r.secretKeySealed, `${issuer.id}#key-${r.keyNo}`);
      expect(secret).toMatch(/^z/);
      expect(r.secretKeySealed).not.toContain(secret);
      expect(() => secretVaultFromKey(randomBytes(32)).open(r.secretKeySealed, `${issuer.id}#key-${r.keyNo}`)).toThrow();
      expect(() => vault.open(r.secretKeySealed, `${issuer.id}#key-${r.keyNo + 1}`)).toThrow();
    }
  });

  it('did.json of an organisation without keys, or not a uuid: 404 / 400, never 500', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/issuers/00000000-0000-4000-8000-000000000000/did.json' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/issuers/nope/did.json' })).statusCode).toBe(400);
  });
});

describe('status lists', () => {
  it('revocation: the check fails with the date, the served list changes (new ETag, bit set) and is itself a signed credential', async () => {
    const issuer = org(3);
    const signed = await issueOne(kit, issuer);
    const status = signed.credentialStatus as { statusListCredential: string; statusListIndex: string };
    const path = new URL(status.statusListCredential).pathname;
    const first = await t.app.inject({ method: 'GET', url: path });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toMatch(/public, max-age=\d+/);
    const etag = String(first.headers.etag);
    expect((await t.app.inject({ method: 'GET', url: path, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    const listCred = first.json();
    expect(listCred.type).toContain('BitstringStatusListCredential');
    const list = await decodeList({ encodedList: listCred.credentialSubject.encodedList });
    expect(list.length).toBeGreaterThanOrEqual(131_072);
    expect(list.getStatus(Number(status.statusListIndex))).toBe(false);

    const listId = path.split('/').pop() ?? '';
    expect(await t.db.transaction((tx) => kit.revokeStatusEntry(tx, { listId, index: Number(status.statusListIndex) }))).toBe(true);
    expect(await t.db.transaction((tx) => kit.revokeStatusEntry(tx, { listId, index: Number(status.statusListIndex) }))).toBe(false);
    const report = await kit.verifyCredential(t.db, signed);
    expect(outcome(report, 'status')).toMatchObject({ outcome: 'fail', reason: 'status.revoked' });
    expect(outcome(report, 'signature')?.outcome).toBe('pass');
    expect(report.valid).toBe(false);

    const after = await t.app.inject({ method: 'GET', url: path, headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    const revokedList = await decodeList({ encodedList: after.json().credentialSubject.encodedList });
    expect(revokedList.getStatus(Number(status.statusListIndex))).toBe(true);
    // An independent status check (the library's own, through a fresh loader) sees the revocation too.
    const loader = await appLoader([path]);
    const checked = await checkStatus({ credential: signed, documentLoader: loader, suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }) });
    expect(checked.error).toBeUndefined();
    expect(checked).toMatchObject({ verified: true, results: [{ status: true }] });
  });

  it('entries are allocated in the caller’s transaction: distinct, in order, a rolled-back allocation is given again, a full list opens a new one', async () => {
    const issuer = org(4);
    // The first allocations of an issuer race to open its list: one list is opened.
    const opening = await Promise.all(Array.from({ length: 4 }, () => t.db.transaction((tx) => kit.allocateStatusEntry(tx, issuer.id))));
    expect(new Set(opening.map((e) => e.listId)).size).toBe(1);
    expect(opening.map((e) => e.index).sort((x, y) => x - y)).toEqual([0, 1, 2, 3]);
    await t.db
      .update(credentialStatusLists)
      .set({ nextIndex: 0 })
      .where(eq(credentialStatusLists.id, opening[0]?.listId ?? ''));
    const a = await t.db.transaction((tx) => kit.allocateStatusEntry(tx, issuer.id));
    await expect(
      t.db.transaction(async (tx) => {
        await kit.allocateStatusEntry(tx, issuer.id);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const parallel = await Promise.all(Array.from({ length: 8 }, () => t.db.transaction((tx) => kit.allocateStatusEntry(tx, issuer.id))));
    const indexes = [a, ...parallel].map((e) => e.index).sort((x, y) => x - y);
    expect(indexes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set([a, ...parallel].map((e) => e.listId)).size).toBe(1);

    await t.db
      .update(credentialStatusLists)
      .set({ nextIndex: STATUS_LIST_LENGTH - 1 })
      .where(eq(credentialStatusLists.id, a.listId));
    const last = await t.db.transaction((tx) => kit.allocateStatusEntry(tx, issuer.id));
    const next = await t.db.transaction((tx) => kit.allocateStatusEntry(tx, issuer.id));
    expect(last).toEqual({ listId: a.listId, index: STATUS_LIST_LENGTH - 1 });
    expect(next.listId).not.toBe(a.listId);
    expect(next.index).toBe(0);
  });

  it('an unknown list or entry: 404 for the list, a status failure for the credential', async () => {
    const issuer = org(3);
    expect((await t.app.inject({ method: 'GET', url: `/issuers/${issuer.id}/status/00000000-0000-4000-8000-000000000000` })).statusCode).toBe(404);
    await expect(t.db.transaction((tx) => kit.revokeStatusEntry(tx, { listId: '00000000-0000-4000-8000-000000000000', index: 0 }))).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe('independent verifier (issue 13, Done when)', () => {
  it('@digitalbazaar/vc with a fresh document loader accepts ours and rejects one changed byte', async () => {
    const signed = await issueOne(kit, org(0));
    const path = new URL((signed.credentialStatus as { statusListCredential: string }).statusListCredential).pathname;
    const documentLoader = await appLoader([path]);
    const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
    // The library reports `status: true` for a set (revoked) bit; a revoked credential is not verified.
    const statusCheck = async (options: object) => {
      const r = await checkStatus({ ...(options as { credential: object }), documentLoader, suite });
      return { verified: r.verified && r.results?.[0]?.status === false };
    };
    const good = await vc.verifyCredential({ credential: signed, suite, documentLoader, checkStatus: statusCheck });
    expect(good.error, String(good.error)).toBeUndefined();
    expect(good.verified).toBe(true);
    const bad = await vc.verifyCredential({ credential: changeName(signed, '段小眀'), suite, documentLoader, checkStatus: statusCheck });
    expect(bad.verified).toBe(false);
  });

  it('a hand-rolled Ed25519 check over the RDFC-1.0 canonical bytes accepts ours and rejects one changed byte', async () => {
    const signed = await issueOne(kit, org(0));
    const documentLoader = await appLoader();
    expect(await handRolledVerify(signed, documentLoader)).toBe(true);
    expect(await handRolledVerify(changeName(signed, '段小眀'), documentLoader)).toBe(false);
    // One byte of the signature itself.
    const proof = signed.proof as { proofValue: string };
    const flipped = structuredClone(signed);
    const sig = base58Decode(proof.proofValue.slice(1));
    sig[10] = (sig[10] ?? 0) ^ 1;
    (flipped.proof as { proofValue: string }).proofValue = `z${base58Encode(sig)}`;
    expect(await handRolledVerify(flipped, documentLoader)).toBe(false);
  });
});

describe('国密 option: an SM2/SM3 proof beside eddsa-rdfc-2022', () => {
  it('a profile asking for it (flag off by default) signs both; every check passes; altering either proof or the name fails', async () => {
    expect(guomiRequired(national2024)).toBe(false);
    const issuer = org(1);
    const status = await t.db.transaction((tx) => kit.allocateStatusEntry(tx, issuer.id));
    const signed = await kit.signCredential(t.db, issuer.id, buildCertificateCredential(fieldsFor(issuer, status)), {
      sm2: guomiRequired({ guomiSignature: { ...national2024.guomiSignature, value: true } }),
    });
    const proofs = signed.proof as { cryptosuite: string; proofValue: string; verificationMethod: string }[];
    expect(proofs.map((p) => p.cryptosuite)).toEqual(['eddsa-rdfc-2022', 'sm2-sm3-rdfc-2025']);
    const report = await kit.verifyCredential(t.db, signed);
    expect(report.checks.map((c) => `${c.check}:${c.outcome}`)).toEqual([
      'format:pass',
      'issuer:pass',
      'key:pass',
      'signature:pass',
      'status:pass',
      'sm2:pass',
    ]);
    expect(report.valid).toBe(true);

    // The SM2 key is listed in did.json beside the Ed25519 one.
    const doc = (await t.app.inject({ method: 'GET', url: `/issuers/${issuer.id}/did.json` })).json();
    expect(doc.verificationMethod.map((v: { id: string }) => v.id)).toContain(proofs[1]?.verificationMethod);

    const sm2Altered = structuredClone(signed);
    const p2 = (sm2Altered.proof as { proofValue: string }[])[1];
    if (p2) p2.proofValue = p2.proofValue.slice(0, -2) + (p2.proofValue.endsWith('a') ? 'bb' : 'aa');
    const r2 = await kit.verifyCredential(t.db, sm2Altered);
    expect(outcome(r2, 'signature')?.outcome).toBe('pass');
    expect(outcome(r2, 'sm2')?.outcome).toBe('fail');
    expect(r2.valid).toBe(false);

    const r3 = await kit.verifyCredential(t.db, changeName(signed));
    expect(outcome(r3, 'signature')?.outcome).toBe('fail');
    expect(outcome(r3, 'sm2')?.outcome).toBe('fail');
    expect((await publicVerify(changeName(signed))).body.valid).toBe(false);

    // Other verifiers ignore the proof they do not know and still check ours.
    const documentLoader = await appLoader();
    expect(await handRolledVerify(signed, documentLoader)).toBe(true);
    const lib = await vc.verifyCredential({
      credential: signed,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader,
      checkStatus: async () => ({ verified: true }),
    });
    expect(lib.verified).toBe(true);
  });
});

describe('our JSON-LD context and the public check’s rate limit', () => {
  it('GET /contexts/skillcert/v1 serves the context the credentials name, cacheable', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/contexts/skillcert/v1' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/ld\+json/);
    expect(res.headers['cache-control']).toMatch(/public/);
    expect(res.json()['@context'].certificateNumber).toEqual({ '@id': 'sc:certificateNumber' });
  });

  it('per client address: past the limit 429 with Retry-After; another address is not affected', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 61; i++) codes.push((await publicVerify({}, '10.99.0.1')).status);
    expect(codes.slice(0, 60).every((c) => c === 200)).toBe(true);
    expect(codes[60]).toBe(429);
    const refused = await publicVerify({}, '10.99.0.1');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect((await publicVerify({}, '10.99.0.2')).status).toBe(200);
  });
});

// ---- the independent verifier's own machinery: nothing from the credentials module ----

type Loader = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;

/** Packaged contexts plus the given documents; anything else is refused. */
function freshLoader(extra: Map<string, unknown>): Loader {
  const docs = new Map<string, unknown>();
  for (const m of [credentialsContexts, dataIntegrityContexts, multikeyContexts, statusListContexts, didContext.contexts])
    for (const [u, d] of m) docs.set(u, d);
  for (const [u, d] of extra) docs.set(u, d);
  return async (url) => {
    const document = docs.get(url);
    if (document === undefined) throw new Error(`fresh loader: ${url} not available`);
    return { contextUrl: null, documentUrl: url, document };
  };
}

/** A fresh loader filled over HTTP from the app: our context, every issuer's did.json (and each key), status lists. */
async function appLoader(statusPaths: string[] = []): Promise<Loader> {
  const origin = 'http://localhost:3000';
  const extra = new Map<string, unknown>();
  extra.set(`${origin}/contexts/skillcert/v1`, (await t.app.inject({ method: 'GET', url: '/contexts/skillcert/v1' })).json());
  for (const o of orgs) {
    const res = await t.app.inject({ method: 'GET', url: `/issuers/${o.id}/did.json` });
    if (res.statusCode !== 200) continue;
    const doc = res.json();
    extra.set(doc.id, doc);
    for (const vm of doc.verificationMethod)
      extra.set(vm.id, { '@context': 'https://w3id.org/security/multikey/v1', ...vm, keyValidFrom: undefined, keyValidUntil: undefined });
  }
  for (const p of statusPaths) extra.set(`${origin}${p}`, (await t.app.inject({ method: 'GET', url: p })).json());
  return freshLoader(extra);
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58Decode(s: string): Uint8Array {
  let n = 0n;
  for (const ch of s) {
    const v = B58.indexOf(ch);
    if (v < 0) throw new Error('not base58');
    n = n * 58n + BigInt(v);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n % 256n));
    n /= 256n;
  }
  for (const ch of s) {
    if (ch !== '1') break;
    bytes.unshift(0);
  }
  return Uint8Array.from(bytes);
}
function base58Encode(b: Uint8Array): string {
  let n = 0n;
  for (const x of b) n = n * 256n + BigInt(x);
  let out = '';
  while (n > 0n) {
    out = B58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const x of b) {
    if (x !== 0) break;
    out = `1${out}`;
  }
  return out;
}

async function canonical(doc: object, documentLoader: Loader): Promise<string> {
  const nquads = await jsonld.toRDF(doc, { format: 'application/n-quads', documentLoader, safe: true });
  return rdfCanonize.canonize(nquads, { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads', format: 'application/n-quads' });
}

/** eddsa-rdfc-2022 by hand: SHA-256(canon(proof options)) ‖ SHA-256(canon(document)), Ed25519 over it with node:crypto. */
async function handRolledVerify(credential: Credential, documentLoader: Loader): Promise<boolean> {
  const { proof: proofs, ...document } = credential as Credential & { proof: Record<string, unknown> | Record<string, unknown>[] };
  const proof = (Array.isArray(proofs) ? proofs : [proofs]).find((p) => p.cryptosuite === 'eddsa-rdfc-2022') ?? {};
  const { proofValue, ...options } = proof as { proofValue: string; verificationMethod: string };
  const proofConfig = { ...options, '@context': document['@context'] };
  const proofHash = createHash('sha256')
    .update(await canonical(proofConfig, documentLoader), 'utf8')
    .digest();
  const docHash = createHash('sha256')
    .update(await canonical(document, documentLoader), 'utf8')
    .digest();
  const vm = (await documentLoader(options.verificationMethod)).document as { publicKeyMultibase: string };
  const multikey = base58Decode(vm.publicKeyMultibase.slice(1));
  expect([multikey[0], multikey[1]]).toEqual([0xed, 0x01]);
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(multikey.slice(2)).toString('base64url') }, format: 'jwk' });
  return edVerify(null, Buffer.concat([proofHash, docHash]), publicKey, base58Decode(proofValue.slice(1)));
}
