import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { afterAll, describe, expect, it } from 'vitest';
import { closeWorkerPool, runInWorker } from '../../lib/worker-pool.ts';
import { MULTIKEY_V1_CONTEXT, skillcertContextUrl } from './credentials.contexts.ts';
import { buildCertificateCredential } from './credentials.document.ts';
import { issuerDid } from './credentials.rules.ts';
import { checkEddsaSignature, type Ed25519SigningKey, type SignatureDocuments, signAndCheck } from './credentials.signature.ts';
import { signAndCheckTask } from './credentials.tasks.ts';

const ORIGIN = 'http://localhost:3000';
const ORG = '3f0c8a52-8d1e-4c1a-9a77-1b2c3d4e5f60';
const contextUrls = [skillcertContextUrl(ORIGIN)];

afterAll(closeWorkerPool);

async function issuer(keyNo = 1): Promise<{ key: Ed25519SigningKey; documents: SignatureDocuments }> {
  const did = issuerDid(ORIGIN, ORG);
  const vm = `${did}#key-${keyNo}`;
  const pair = await Ed25519Multikey.generate({ id: vm, controller: did });
  const secret = (await pair.export({ publicKey: true, secretKey: true })).secretKeyMultibase as string;
  return {
    key: {
      keyId: `key-row-${keyNo}-${pair.publicKeyMultibase}`,
      verificationMethod: vm,
      controller: did,
      publicKeyMultibase: pair.publicKeyMultibase,
      secretKeyMultibase: secret,
    },
    documents: {
      did,
      didDocument: {
        '@context': ['https://www.w3.org/ns/did/v1', MULTIKEY_V1_CONTEXT],
        id: did,
        verificationMethod: [{ id: vm, type: 'Multikey', controller: did, publicKeyMultibase: pair.publicKeyMultibase }],
        assertionMethod: [vm],
      },
      keyDocument: { '@context': MULTIKEY_V1_CONTEXT, id: vm, type: 'Multikey', controller: did, publicKeyMultibase: pair.publicKeyMultibase },
    },
  };
}

function credential(i: number) {
  return buildCertificateCredential({
    origin: ORIGIN,
    issuerOrgId: ORG,
    issuerName: '上海市某职业技术学院',
    institutionCode: 'Y000031010001',
    certificateKind: '职业技能等级证书',
    certificateNumber: `Y0000310100012630${String(i).padStart(5, '0')}`,
    holderName: `考生${i}`,
    maskedName: '考*',
    idType: '居民身份证',
    maskedIdNumber: '1101**********777X',
    occupationCode: '6-31-01-03',
    occupationName: '电工',
    workType: '--',
    level: 3,
    levelName: '三级/高级工',
    validFrom: new Date('2026-06-30T08:00:00Z'),
    status: { listId: '9a1b2c3d-0000-4000-8000-000000000001', index: i },
  });
}

describe('eddsa-rdfc-2022 signing with the key imported once (issuance chunks)', () => {
  it('signs each credential with the named key and checks the stored JSON: the signature passes, a changed field or another key fails', async () => {
    const { key, documents } = await issuer();
    const at = new Date('2026-06-30T08:00:01Z');
    const done = await signAndCheck({ credentials: [credential(1), credential(2)], key, documents, contextUrls, at, now: at });
    expect(done).toHaveLength(2);
    for (const [i, d] of done.entries()) {
      expect(d.signature).toEqual({ check: 'signature', outcome: 'pass', reason: 'signature.valid' });
      const json = JSON.parse(d.json) as { certificateNumber: string; proof: { verificationMethod: string; created: string; cryptosuite: string } };
      expect(json.certificateNumber).toBe(`Y0000310100012630${String(i + 1).padStart(5, '0')}`);
      expect(json.proof).toMatchObject({ verificationMethod: key.verificationMethod, created: '2026-06-30T08:00:01Z', cryptosuite: 'eddsa-rdfc-2022' });
    }
    // Signed again with the same key (the cached key object): still valid, the same bytes signed give the same proof.
    const again = await signAndCheck({ credentials: [credential(1)], key, documents, contextUrls, at, now: at });
    expect(again[0]!.json).toBe(done[0]!.json);

    const changed = { ...(JSON.parse(done[0]!.json) as Record<string, unknown>), certificateNumber: 'Y0000310100012630099999' };
    expect(await checkEddsaSignature(changed, documents, contextUrls, at)).toMatchObject({ outcome: 'fail', reason: 'signature.invalid' });
    const other = await issuer();
    expect(await checkEddsaSignature(JSON.parse(done[0]!.json), other.documents, contextUrls, at)).toMatchObject({
      outcome: 'fail',
      reason: 'signature.invalid',
    });
  });

  it('a worker thread signs the same way: its proofs verify here, and what this thread signed verifies there', async () => {
    const { key, documents } = await issuer(2);
    const at = new Date('2026-06-30T08:00:02Z');
    const there = await runInWorker(signAndCheckTask, { credentials: [credential(3)], key, documents, contextUrls, at, now: at });
    expect(there[0]!.signature.outcome).toBe('pass');
    expect(await checkEddsaSignature(JSON.parse(there[0]!.json), documents, contextUrls, at)).toMatchObject({ outcome: 'pass' });
    const here = await signAndCheck({ credentials: [credential(3)], key, documents, contextUrls, at, now: at });
    // Ed25519 is deterministic: the same credential, key and date give the same signed text on either thread.
    expect(here[0]!.json).toBe(there[0]!.json);
  });
});
