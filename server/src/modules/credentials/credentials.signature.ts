import { createPrivateKey, createPublicKey, type KeyObject, sign as ed25519Sign, verify as ed25519Verify } from 'node:crypto';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { offlineDocumentLoader } from './credentials.contexts.ts';
import type { Credential } from './credentials.document.ts';
import type { Check } from './credentials.rules.ts';

/**
 * eddsa-rdfc-2022 signing and signature checking with no database: what runs on the request thread and, for an
 * issuance chunk, on a worker thread (credentials.tasks.ts) — plain data in, plain data out.
 */

/** An issuer's Ed25519 key as signing needs it: the key row's id (it names the cached key object), both halves. */
export interface Ed25519SigningKey {
  keyId: string;
  /** The verification method (`did#key-N`) the proof names. */
  verificationMethod: string;
  controller: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/** What a signature is checked against: the issuer's DID document and the document of the key the proof names. */
export interface SignatureDocuments {
  did: string;
  didDocument: Credential;
  keyDocument: Credential & { id: string };
}

/** PKCS #8 DER of an Ed25519 private key: this prefix, then the 32-byte seed. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** SPKI DER of an Ed25519 public key: this prefix, then the 32-byte key. */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Imported private keys by key id: a key is decoded and imported once per thread, not once per signature (the signing
 * library's own signer imports the key again for every signature). Keys never change under an id (a rotation makes a
 * new key with a new id).
 */
const privateKeys = new Map<string, Promise<KeyObject>>();

function privateKeyOf(key: Ed25519SigningKey): Promise<KeyObject> {
  let hit = privateKeys.get(key.keyId);
  if (!hit) {
    hit = (async () => {
      const pair = await Ed25519Multikey.from({
        id: key.verificationMethod,
        controller: key.controller,
        publicKeyMultibase: key.publicKeyMultibase,
        secretKeyMultibase: key.secretKeyMultibase,
      });
      if (!pair.secretKey) throw new Error('the issuer key has no secret half');
      return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, pair.secretKey.subarray(0, 32)]), format: 'der', type: 'pkcs8' });
    })();
    privateKeys.set(key.keyId, hit);
    hit.catch(() => privateKeys.delete(key.keyId));
  }
  return hit;
}

/** A Data Integrity signer over the imported key (what `Ed25519Multikey…signer()` is, without the import per call). */
async function signerOf(key: Ed25519SigningKey): Promise<{ id: string; algorithm: string; sign(o: { data: Uint8Array }): Promise<Uint8Array> }> {
  const privateKey = await privateKeyOf(key);
  return { id: key.verificationMethod, algorithm: eddsaRdfc2022.requiredAlgorithm, sign: async ({ data }) => ed25519Sign(null, data, privateKey) };
}

/** Signs with eddsa-rdfc-2022 through @digitalbazaar/vc, dated `at`; the credential given is not changed. */
export async function signEddsa(credential: Credential, key: Ed25519SigningKey, at: Date, contextUrls: string[]): Promise<Credential> {
  const suite = new DataIntegrityProof({ signer: await signerOf(key), cryptosuite: eddsaRdfc2022, date: at });
  // structuredClone: the library adds the proof to the object it is given.
  return vc.issue({ credential: structuredClone(credential), suite, documentLoader: offlineDocumentLoader({ contextUrls }), now: at });
}

/**
 * Imported public keys by their multibase text: the cryptosuite's own verifier imports the key again for every
 * verification. Bounded: our issuers' keys are few; an unknown key is never looked up (its document is not served).
 */
const publicKeys = new Map<string, KeyObject>();
const MAX_PUBLIC_KEYS = 10_000;

/**
 * eddsa-rdfc-2022 as the package defines it, with a verifier over the imported public key: the verification method
 * is still read by @digitalbazaar/ed25519-multikey (which checks its type, context and key bytes), the signature still
 * checked by node's Ed25519 — only the import is kept.
 */
const verifyingSuite = {
  ...eddsaRdfc2022,
  async createVerifier({ verificationMethod }: { verificationMethod: { id?: string; publicKeyMultibase: string } }) {
    const key = await Ed25519Multikey.from(verificationMethod);
    let publicKey = publicKeys.get(key.publicKeyMultibase);
    if (!publicKey) {
      if (publicKeys.size >= MAX_PUBLIC_KEYS) publicKeys.clear();
      publicKey = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, key.publicKey]), format: 'der', type: 'spki' });
      publicKeys.set(key.publicKeyMultibase, publicKey);
    }
    const imported = publicKey;
    return {
      algorithm: eddsaRdfc2022.requiredAlgorithm,
      id: key.id,
      verify: async ({ data, signature }: { data: Uint8Array; signature: Uint8Array }) => ed25519Verify(null, data, imported, signature),
    };
  },
};

function errorText(result: vc.VerifyResult): string {
  const first = result.results?.find((r) => !r.verified)?.error ?? result.error;
  const text = first instanceof Error ? first.message : Array.isArray(first) ? String(first[0]) : 'not verified';
  return text.slice(0, 300);
}

/** The signature check: eddsa-rdfc-2022 through @digitalbazaar/vc, with only the issuer's documents available offline. */
export async function checkEddsaSignature(json: unknown, docs: SignatureDocuments, contextUrls: string[], now: Date): Promise<Check> {
  const documentLoader = offlineDocumentLoader({
    contextUrls,
    documents: (url) => (url === docs.did ? docs.didDocument : url === docs.keyDocument.id ? docs.keyDocument : undefined),
  });
  try {
    const result = await vc.verifyCredential({
      credential: json as object,
      suite: new DataIntegrityProof({ cryptosuite: verifyingSuite }),
      documentLoader,
      // The status is its own check (from the database, not the cached list).
      checkStatus: async () => ({ verified: true }),
      now,
    });
    return result.verified
      ? { check: 'signature', outcome: 'pass', reason: 'signature.valid' }
      : { check: 'signature', outcome: 'fail', reason: 'signature.invalid', detail: errorText(result) };
  } catch (e) {
    return { check: 'signature', outcome: 'fail', reason: 'signature.invalid', detail: e instanceof Error ? e.message.slice(0, 300) : 'error' };
  }
}

export interface SignAndCheckInput {
  credentials: Credential[];
  key: Ed25519SigningKey;
  /** The documents of the signing key (its issuer's DID document as it stands, and the key's own). */
  documents: SignatureDocuments;
  contextUrls: string[];
  /** The proofs' date. */
  at: Date;
  /** The verifier's clock. */
  now: Date;
}

export interface SignedAndChecked {
  /** The signed credential as it is stored. */
  json: string;
  /** The signature check of `json` parsed back, as a reader of the stored text would check it. */
  signature: Check;
}

async function signOne(input: SignAndCheckInput, credential: Credential): Promise<SignedAndChecked> {
  const json = JSON.stringify(await signEddsa(credential, input.key, input.at, input.contextUrls));
  return { json, signature: await checkEddsaSignature(JSON.parse(json) as unknown, input.documents, input.contextUrls, input.now) };
}

/** Signs each credential, then checks the signature of what will be stored (the JSON text parsed back). */
export async function signAndCheck(input: SignAndCheckInput): Promise<SignedAndChecked[]> {
  const out: SignedAndChecked[] = [];
  for (const credential of input.credentials) out.push(await signOne(input, credential));
  return out;
}

/**
 * Claims over shared memory: element 0 is the next unclaimed credential's index, element 1 + i who took credential i
 * (0 nobody yet). Threads sharing one list take the next credential with an atomic add, so neither waits for the
 * other to hand work out and neither idles while some is left.
 */
export const CLAIMED_HERE = 1;
export const CLAIMED_BY_WORKER = 2;

export function newClaims(n: number): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * (n + 1));
}

/**
 * Takes credentials of `input.credentials` one at a time through `claims` until none is left, signing and checking
 * each; answers what this thread did, by index. `between`: awaited after each (the request thread lets waiting I/O run).
 */
export async function signAndCheckClaimed(
  input: SignAndCheckInput,
  claims: SharedArrayBuffer,
  who: number,
  between?: () => Promise<void>,
): Promise<(SignedAndChecked & { index: number })[]> {
  const board = new Int32Array(claims);
  const out: (SignedAndChecked & { index: number })[] = [];
  for (;;) {
    const index = Atomics.add(board, 0, 1);
    if (index >= input.credentials.length) return out;
    Atomics.store(board, index + 1, who);
    out.push({ index, ...(await signOne(input, input.credentials[index]!)) });
    await between?.();
  }
}
