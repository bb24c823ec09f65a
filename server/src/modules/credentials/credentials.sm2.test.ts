import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import smCrypto from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { offlineDocumentLoader, skillcertContextUrl } from './credentials.contexts.ts';
import { buildCertificateCredential } from './credentials.document.ts';
import { generateSm2Key, SM2_USER_ID, sm2Message, sm2PublicKeyHex, sm2PublicKeyMultibase, sm2Sign, sm2Verify } from './credentials.sm2.ts';
import { base58btcDecode, base58btcEncode } from './credentials.multibase.ts';

const ORIGIN = 'http://localhost:3000';
const loader = offlineDocumentLoader({ contextUrls: [skillcertContextUrl(ORIGIN)] });
const credential = buildCertificateCredential({
  origin: ORIGIN,
  issuerOrgId: '5af528ab-da7d-429e-9bc6-4ddd8257fab5',
  issuerName: '上海市某职业技术学院',
  institutionCode: 'Y000031010001',
  certificateKind: '职业技能等级证书',
  certificateNumber: 'Y000031010001263000001',
  holderName: '段小明',
  maskedName: '段*',
  idType: '居民身份证',
  maskedIdNumber: '1101**********777X',
  occupationCode: '6-31-01-03',
  occupationName: '电工',
  workType: '--',
  level: 3,
  levelName: '三级/高级工',
  validFrom: new Date('2026-11-29T10:00:00Z'),
  status: { listId: '8567d7af-e9ce-4378-9740-66c7b231735d', index: 7 },
});
const options = {
  type: 'DataIntegrityProof',
  cryptosuite: 'sm2-sm3-rdfc-2025',
  created: '2026-11-29T10:00:00Z',
  verificationMethod: 'did:web:x#key-2',
  proofPurpose: 'assertionMethod',
};

/** An sm-crypto key as node KeyObjects (SEC1 / SPKI DER with the SM2 curve OID 1.2.156.10197.1.301). */
function nodeKeys(secretHex: string, publicHex: string) {
  const privateKey = createPrivateKey({
    key: Buffer.from(`30770201010420${secretHex}a00a06082a811ccf5501822da144034200${publicHex}`, 'hex'),
    format: 'der',
    type: 'sec1',
  });
  const publicKey = createPublicKey({
    key: Buffer.from(`3059301306072a8648ce3d020106082a811ccf5501822d034200${publicHex}`, 'hex'),
    format: 'der',
    type: 'spki',
  });
  return { privateKey, publicKey };
}

describe('国密 SM2/SM3 over the RDFC-1.0 canonical form', () => {
  it('signs and verifies (ID 1234567812345678); one changed byte of the credential or the signature fails', async () => {
    const key = generateSm2Key();
    const publicHex = sm2PublicKeyHex(key.publicKeyMultibase) ?? '';
    const message = await sm2Message(credential, options, loader);
    expect(message).toHaveLength(64);
    const proofValue = sm2Sign(message, key.secretHex);
    expect(sm2Verify(message, proofValue, publicHex)).toBe(true);

    const altered = structuredClone(credential) as typeof credential & { credentialSubject: { holderName: string } };
    altered.credentialSubject.holderName = '段小朋';
    expect(sm2Verify(await sm2Message(altered, options, loader), proofValue, publicHex)).toBe(false);
    const sig = base58btcDecode(proofValue) ?? new Uint8Array();
    sig[5] = (sig[5] ?? 0) ^ 1;
    expect(sm2Verify(message, base58btcEncode(sig), publicHex)).toBe(false);
    expect(sm2Verify(message, proofValue, sm2PublicKeyHex(generateSm2Key().publicKeyMultibase) ?? '')).toBe(false);
    // The distinguishing ID is part of what is signed.
    expect(sm2Verify(message, proofValue, publicHex, '')).toBe(false);
  });

  it('SM3 of node’s OpenSSL equals sm-crypto’s', () => {
    for (const text of ['', 'abc', '<urn:x> <urn:y> "段小明" .\n'.repeat(50)]) {
      expect(createHash('sm3').update(text, 'utf8').digest('hex')).toBe(smCrypto.sm3(text));
    }
    // GB/T 32905-2016 example: SM3("abc").
    expect(createHash('sm3').update('abc').digest('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('cross-check with node’s crypto: each verifies the other’s SM2 signature over our canonical bytes (node signs with the empty ID)', async () => {
    const message = await sm2Message(credential, options, loader);
    // sm-crypto signs, node verifies.
    const sm = generateSm2Key();
    const smPublicHex = sm2PublicKeyHex(sm.publicKeyMultibase) ?? '';
    const { publicKey } = nodeKeys(sm.secretHex, smPublicHex);
    const smSig = base58btcDecode(sm2Sign(message, sm.secretHex, '')) ?? new Uint8Array();
    const der = Buffer.from(smCrypto.sm2.doSignature(Array.from(message), sm.secretHex, { hash: true, der: true, userId: '' }), 'hex');
    expect(nodeVerify('sm3', message, publicKey, der)).toBe(true);
    expect(nodeVerify('sm3', Buffer.concat([message, Buffer.from([0])]), publicKey, der)).toBe(false);
    expect(smSig).toHaveLength(64);

    // node signs (a key node generated), sm-crypto verifies.
    // Node 20 / OpenSSL 3.0: the KeyObject generateKeyPairSync returns signs ECDSA on the SM2 curve; read back from
    // DER it is an SM2 key and signs SM2 (Z with the empty ID) — so the key goes through DER first.
    const pair = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const nodePrivate = createPrivateKey({ key: pair.privateKey.export({ format: 'der', type: 'pkcs8' }), format: 'der', type: 'pkcs8' });
    const nodePublicHex = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(-65).toString('hex');
    const nodeSig = nodeSign('sm3', message, nodePrivate);
    expect(smCrypto.sm2.doVerifySignature(Array.from(message), nodeSig.toString('hex'), nodePublicHex, { hash: true, der: true, userId: '' })).toBe(true);
    expect(smCrypto.sm2.doVerifySignature(Array.from(message), nodeSig.toString('hex'), nodePublicHex, { hash: true, der: true, userId: SM2_USER_ID })).toBe(
      false,
    );

    // The same key in both libraries: node signs with sm-crypto's key and our verifier (r‖s) accepts it with the empty ID.
    const { privateKey } = nodeKeys(sm.secretHex, smPublicHex);
    const viaNode = smCrypto.sm2.doVerifySignature(Array.from(message), nodeSign('sm3', message, privateKey).toString('hex'), smPublicHex, {
      hash: true,
      der: true,
      userId: '',
    });
    expect(viaNode).toBe(true);
  });

  it('Multikey form: multicodec sm2-pub header and the uncompressed point, round trip; anything else is refused', () => {
    const key = generateSm2Key();
    const hex = sm2PublicKeyHex(key.publicKeyMultibase);
    expect(hex).toMatch(/^04[0-9a-f]{128}$/);
    expect(sm2PublicKeyMultibase(hex ?? '')).toBe(key.publicKeyMultibase);
    expect(sm2PublicKeyHex('z6MkoCwoJQcH9e8MHprTGLoHzECuWZMSCbSUsd1hGgSMDu5F')).toBeNull();
    expect(sm2PublicKeyHex('not multibase')).toBeNull();
  });
});
