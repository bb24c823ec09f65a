/**
 * The sample certificate credential every signing figure is measured on (credentials.bench.ts, issuance.bench.ts and
 * the issuance stress test's child, server/stress/fixtures/batch.child.ts), and the signing library alone on it — the
 * limit issuance is compared with: @digitalbazaar/vc issuing eddsa-rdfc-2022 with a key in memory and our offline
 * document loader, no database.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { offlineDocumentLoader, skillcertContextUrl } from '../src/modules/credentials/credentials.contexts.ts';
import { buildCertificateCredential, type CertificateFields } from '../src/modules/credentials/credentials.document.ts';
import { issuerDid } from '../src/modules/credentials/credentials.rules.ts';

export const SAMPLE_ORIGIN = 'http://localhost:3000';
const SAMPLE_ISSUER = '00000000-0000-4000-8000-000000000000';
const SAMPLE_LIST = '00000000-0000-4000-8000-000000000001';

/** The i-th sample certificate's fields: a 三级 electrician's certificate of a Shanghai college, entry i of the list. */
export function sampleCertificateFields(i: number, o: { issuerOrgId?: string; listId?: string; origin?: string } = {}): CertificateFields {
  return {
    origin: o.origin ?? SAMPLE_ORIGIN,
    issuerOrgId: o.issuerOrgId ?? SAMPLE_ISSUER,
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
    validFrom: new Date(),
    status: { listId: o.listId ?? SAMPLE_LIST, index: i },
  };
}

export interface SigningLibrary {
  /** The issuer's DID and its key pair (in memory). */
  did: string;
  pair: Ed25519Multikey.Ed25519KeyPair;
  /** Our offline loader, which also answers the issuer's DID document and key (so the library can verify too). */
  documentLoader: ReturnType<typeof offlineDocumentLoader>;
  /** Signs the i-th sample certificate with the library alone. */
  sign(i: number): Promise<Record<string, unknown>>;
}

/** The signing library alone for an issuer (default: a sample one), with a fresh key in memory. */
export async function signingLibrary(o: { issuerOrgId?: string; listId?: string; origin?: string } = {}): Promise<SigningLibrary> {
  const origin = o.origin ?? SAMPLE_ORIGIN;
  const did = issuerDid(origin, o.issuerOrgId ?? SAMPLE_ISSUER);
  const pair = await Ed25519Multikey.generate({ id: `${did}#key-1`, controller: did });
  const documentLoader = offlineDocumentLoader({
    contextUrls: [skillcertContextUrl(origin)],
    documents: (url) =>
      url === did
        ? {
            '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
            id: did,
            verificationMethod: [],
            assertionMethod: [`${did}#key-1`],
          }
        : url === `${did}#key-1`
          ? { '@context': 'https://w3id.org/security/multikey/v1', id: url, type: 'Multikey', controller: did, publicKeyMultibase: pair.publicKeyMultibase }
          : undefined,
  });
  return {
    did,
    pair,
    documentLoader,
    sign: (i) =>
      vc.issue({
        credential: buildCertificateCredential(sampleCertificateFields(i, { ...o, origin })),
        suite: new DataIntegrityProof({ signer: pair.signer(), cryptosuite: eddsaRdfc2022 }),
        documentLoader,
      }),
  };
}

/** Sample certificates signed per second by the signing library alone, one at a time, for `seconds` (after a warm-up). */
export async function librarySignRate(seconds: number, warmUp = 20): Promise<number> {
  const lib = await signingLibrary();
  for (let i = 0; i < warmUp; i++) await lib.sign(i);
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) await lib.sign(n++);
  return n / ((performance.now() - t0) / 1000);
}
