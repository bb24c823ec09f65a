import { createHash } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { createCredential as createStatusListCredential, createList } from '@digitalbazaar/vc-bitstring-status-list';
import type { Executor, Tx } from '../../db/client.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { runInWorker, yieldToLoop } from '../../lib/worker-pool.ts';
import { type AuditContext, appendAudit } from '../audit/audit.service.ts';
import { DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT, offlineDocumentLoader, skillcertContextUrl, VC_V2_CONTEXT } from './credentials.contexts.ts';
import type { Credential, StatusEntry } from './credentials.document.ts';
import * as repo from './credentials.repository.ts';
import type { IssuerKeyRow } from './credentials.repository.ts';
import {
  type Check,
  issuerDid,
  keyValidAt,
  keyValidityReason,
  listHasRoom,
  orgIdOfDid,
  overallValid,
  parseStatusListUrl,
  parseVerificationMethod,
  STATUS_LIST_LENGTH,
  signingKey,
  statusListUrl,
  w3cDate,
} from './credentials.rules.ts';
import type { SecretVault } from './credentials.secrets.ts';
import {
  CLAIMED_BY_WORKER,
  CLAIMED_HERE,
  checkEddsaSignature,
  type Ed25519SigningKey,
  newClaims,
  type SignAndCheckInput,
  type SignatureDocuments,
  type SignedAndChecked,
  signAndCheck,
  signAndCheckClaimed,
  signEddsa,
} from './credentials.signature.ts';
import { signAndCheckShareTask } from './credentials.tasks.ts';
import { generateSm2Key, SM2_CRYPTOSUITE, sm2Message, sm2PublicKeyHex, sm2Sign, sm2Verify } from './credentials.sm2.ts';

export interface VerificationReport {
  valid: boolean;
  checks: Check[];
  /** Set when the issuer is one of ours. */
  issuer?: { orgId: string; did: string; name: string };
}

export interface StatusListDocument {
  json: string;
  etag: string;
}

/**
 * Signed electronic certificates: issuer keys (Ed25519, sealed at rest, rotatable), the issuer's did:web document,
 * Bitstring Status Lists, and sign / verify. One kit per process (it caches opened keys); no business of issuance here.
 */
export interface CredentialsKit {
  readonly origin: string;
  issuerDid(orgId: string): string;
  /** The issuer's key of that algorithm that signs now, created (valid from now) when it has none (audited as the system). */
  ensureIssuerKey(ex: Executor, orgId: string, algorithm?: KeyAlgorithm): Promise<IssuerKeyRow>;
  /**
   * A new key valid from now; the old one stops signing now and still verifies what it signed while valid.
   * Audited (`credential.key.rotate`) as `who` — the person who asked, or the system.
   */
  rotateIssuerKey(ex: Executor, orgId: string, algorithm?: KeyAlgorithm, who?: AuditContext): Promise<IssuerKeyRow>;
  didDocument(ex: Executor, orgId: string): Promise<Credential | null>;
  /** The next free entry in the issuer's status list, in the caller's transaction (a full list is followed by a new one). */
  allocateStatusEntry(tx: Tx, orgId: string): Promise<StatusEntry>;
  /** `n` consecutive free entries at once (an issuance chunk): the same as `n` calls, in two statements per list. */
  allocateStatusEntries(tx: Tx, orgId: string, n: number): Promise<StatusEntry[]>;
  /** Sets the entry's bit (revoked), in the caller's transaction; true when it was not revoked before. */
  revokeStatusEntry(tx: Tx, entry: StatusEntry, at?: Date): Promise<boolean>;
  /** The signed BitstringStatusListCredential of a list (re-signed only after a change), or null. */
  statusListCredential(ex: Executor, orgId: string, listId: string): Promise<StatusListDocument | null>;
  /** eddsa-rdfc-2022; with `sm2` (a policy profile's 国密 flag) also an SM2/SM3 proof over the same canonical form. */
  signCredential(ex: Executor, issuerOrgId: string, credential: Credential, opts?: { sm2?: boolean }): Promise<Credential>;
  /** The same for a batch of one issuer: its keys are looked up once. */
  signCredentials(ex: Executor, issuerOrgId: string, credentials: Credential[], opts?: { sm2?: boolean }): Promise<Credential[]>;
  verifyCredential(ex: Executor, json: unknown): Promise<VerificationReport>;
  /**
   * The same checks for many credentials (an issuance chunk, right after signing): the issuer, its keys and the status
   * lists are read once for the call instead of once per credential; each credential is still verified in full.
   */
  verifyCredentials(ex: Executor, jsons: unknown[]): Promise<VerificationReport[]>;
  /**
   * An issuance chunk: each credential signed (Ed25519) and its stored JSON verified in full, as `signCredentials`
   * then `verifyCredentials` would — the signing and the signature checks shared between this thread and a worker
   * thread, the database read once for the call.
   */
  issueCredentials(ex: Executor, issuerOrgId: string, credentials: Credential[]): Promise<{ json: string; report: VerificationReport }[]>;
}

export type KeyAlgorithm = 'Ed25519' | 'SM2';
const ED25519 = 'Ed25519';
const SM2 = 'SM2';
const FIRST_KEY_LEAD_MS = 5 * 60_000;
const SYSTEM: AuditContext = { actor: null, requestId: null };

function multikeyDocument(did: string, key: IssuerKeyRow): Credential {
  return {
    '@context': MULTIKEY_V1_CONTEXT,
    id: `${did}#key-${key.keyNo}`,
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: key.publicKeyMultibase,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function idOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isRecord(v) && typeof v.id === 'string') return v.id;
  return undefined;
}

function proofsOf(credential: Record<string, unknown>): Record<string, unknown>[] {
  const p = credential.proof;
  return (Array.isArray(p) ? p : [p]).filter(isRecord);
}

export function createCredentialsKit(opts: { origin: string; vault: SecretVault; now?: () => Date }): CredentialsKit {
  const origin = new URL(opts.origin).origin;
  const now = opts.now ?? (() => new Date());
  const contextUrls = [skillcertContextUrl(origin)];
  const opened = new Map<string, Ed25519SigningKey>();

  const binding = (orgId: string, keyNo: number) => `${orgId}#key-${keyNo}`;

  /** The key opened once per kit (its key object imported once per thread: credentials.signature.ts). */
  function openKey(key: IssuerKeyRow): Ed25519SigningKey {
    const cached = opened.get(key.id);
    if (cached) return cached;
    const did = issuerDid(origin, key.orgId);
    const open: Ed25519SigningKey = {
      keyId: key.id,
      verificationMethod: `${did}#key-${key.keyNo}`,
      controller: did,
      publicKeyMultibase: key.publicKeyMultibase,
      secretKeyMultibase: opts.vault.open(key.secretKeySealed, binding(key.orgId, key.keyNo)),
    };
    opened.set(key.id, open);
    return open;
  }

  async function newKey(
    tx: Tx,
    orgId: string,
    keys: IssuerKeyRow[],
    validFrom: Date,
    algorithm: KeyAlgorithm,
    who: AuditContext,
    action: string,
  ): Promise<IssuerKeyRow> {
    const keyNo = keys.reduce((m, k) => Math.max(m, k.keyNo), 0) + 1;
    let publicKeyMultibase: string;
    let secret: unknown;
    if (algorithm === SM2) {
      const pair = generateSm2Key();
      publicKeyMultibase = pair.publicKeyMultibase;
      secret = pair.secretHex;
    } else {
      const pair = await Ed25519Multikey.generate();
      publicKeyMultibase = pair.publicKeyMultibase;
      secret = (await pair.export({ publicKey: true, secretKey: true })).secretKeyMultibase;
    }
    if (typeof secret !== 'string') throw new Error(`${algorithm} key generation gave no secret key`);
    const row = await repo.insertKey(tx, {
      orgId,
      keyNo,
      algorithm,
      publicKeyMultibase,
      secretKeySealed: opts.vault.seal(secret, binding(orgId, keyNo)),
      validFrom,
    });
    // The public half only: the audit log never holds a secret.
    await appendAudit(tx, who, {
      action,
      targetType: 'organisation',
      targetId: orgId,
      after: { keyNo, algorithm, publicKeyMultibase, validFrom: w3cDate(validFrom) },
    });
    return row;
  }

  const openedSm2 = new Map<string, string>();
  function openSm2(key: IssuerKeyRow): string {
    const cached = openedSm2.get(key.id);
    if (cached) return cached;
    const secret = opts.vault.open(key.secretKeySealed, binding(key.orgId, key.keyNo));
    openedSm2.set(key.id, secret);
    return secret;
  }

  /** Runs `fn` in a transaction: the caller's, or a new one when given the database. */
  async function inTx<T>(ex: Executor, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return 'rollback' in ex ? fn(ex) : ex.transaction((tx) => fn(tx));
  }

  async function didDocumentFor(ex: Executor, orgId: string): Promise<Credential | null> {
    return didDocumentOf(orgId, await repo.listKeys(ex, orgId));
  }

  function didDocumentOf(orgId: string, keys: IssuerKeyRow[]): Credential | null {
    if (keys.length === 0) return null;
    const did = issuerDid(origin, orgId);
    return {
      '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT, skillcertContextUrl(origin)],
      id: did,
      verificationMethod: keys.map((k) => ({
        id: `${did}#key-${k.keyNo}`,
        type: 'Multikey',
        controller: did,
        publicKeyMultibase: k.publicKeyMultibase,
        keyValidFrom: w3cDate(k.validFrom),
        ...(k.validUntil ? { keyValidUntil: w3cDate(k.validUntil) } : {}),
      })),
      assertionMethod: keys.map((k) => `${did}#key-${k.keyNo}`),
    };
  }

  async function sign(ex: Executor, orgId: string, credential: Credential, signOpts: { sm2?: boolean } = {}): Promise<Credential> {
    const key = await kit.ensureIssuerKey(ex, orgId);
    const sm2Key = signOpts.sm2 ? await kit.ensureIssuerKey(ex, orgId, SM2) : undefined;
    return signWith(orgId, credential, key, sm2Key);
  }

  /** Refuses a credential the keys may not sign (dated outside their validity) or that names another issuer. */
  function assertSignable(orgId: string, credential: Credential, keys: IssuerKeyRow[], at: Date): void {
    const validFrom = typeof credential.validFrom === 'string' ? new Date(credential.validFrom) : at;
    for (const k of keys) {
      if (Number.isNaN(validFrom.getTime()) || !keyValidAt(k, validFrom)) {
        throw new AppError(422, 'CREDENTIAL.KEY_NOT_VALID_AT_ISSUE', { validFrom: String(credential.validFrom) });
      }
    }
    if (idOf(credential.issuer) !== issuerDid(origin, orgId)) throw new AppError(422, 'CREDENTIAL.ISSUER_MISMATCH');
  }

  async function signWith(orgId: string, credential: Credential, key: IssuerKeyRow, sm2Key: IssuerKeyRow | undefined): Promise<Credential> {
    const at = now();
    assertSignable(orgId, credential, sm2Key ? [key, sm2Key] : [key], at);
    const expected = issuerDid(origin, orgId);
    const signed = await signEddsa(credential, openKey(key), at, contextUrls);
    if (!sm2Key) return signed;
    const documentLoader = offlineDocumentLoader({ contextUrls });
    const options = {
      type: 'DataIntegrityProof',
      cryptosuite: SM2_CRYPTOSUITE,
      created: w3cDate(at),
      verificationMethod: `${expected}#key-${sm2Key.keyNo}`,
      proofPurpose: 'assertionMethod',
    };
    const message = await sm2Message(signed, options, documentLoader);
    return { ...signed, proof: [signed.proof, { ...options, proofValue: sm2Sign(message, openSm2(sm2Key)) }] };
  }

  /** The SM2 proof, when the credential carries one: its key must be the issuer's SM2 key valid at the issue date. */
  async function checkSm2(json: Record<string, unknown>, proof: Record<string, unknown>, did: string, keys: IssuerKeyRow[], validFrom: Date): Promise<Check> {
    const vm = parseVerificationMethod(idOf(proof.verificationMethod) ?? '');
    const key = vm && vm.did === did ? keys.find((k) => k.keyNo === vm.keyNo && k.algorithm === SM2) : undefined;
    const publicHex = key ? sm2PublicKeyHex(key.publicKeyMultibase) : null;
    if (!key || !publicHex) return { check: 'sm2', outcome: 'fail', reason: 'key.unknown' };
    const validity = keyValidityReason(key, validFrom);
    if (validity !== 'key.valid') return { check: 'sm2', outcome: 'fail', reason: validity, detail: `key-${key.keyNo}` };
    if (typeof proof.proofValue !== 'string') return { check: 'sm2', outcome: 'fail', reason: 'signature.invalid' };
    try {
      const message = await sm2Message(json, proof, offlineDocumentLoader({ contextUrls }));
      return sm2Verify(message, proof.proofValue, publicHex)
        ? { check: 'sm2', outcome: 'pass', reason: 'signature.valid', detail: `key-${key.keyNo}` }
        : { check: 'sm2', outcome: 'fail', reason: 'signature.invalid' };
    } catch (e) {
      return { check: 'sm2', outcome: 'fail', reason: 'signature.invalid', detail: e instanceof Error ? e.message.slice(0, 300) : 'error' };
    }
  }

  /**
   * issueCredentials' lookups, per transaction and issuer: an issuance chunk's transaction changes none of what they
   * read (its own status entries were allocated before it signs), and the map lets go of a transaction once it is over.
   */
  const issuing = new WeakMap<Executor, Map<string, Lookups>>();

  /** What verification reads from the database; memoised across one verifyCredentials call. */
  interface Lookups {
    organisation(orgId: string): Promise<{ id: string; name: string } | undefined>;
    keys(orgId: string): Promise<IssuerKeyRow[]>;
    list(listId: string): Promise<Awaited<ReturnType<typeof repo.findList>>>;
    revocation(listId: string, index: number): Promise<{ revokedAt: Date } | undefined>;
  }
  const direct = (ex: Executor): Lookups => ({
    organisation: (id) => repo.findOrganisation(ex, id),
    keys: (id) => repo.listKeys(ex, id),
    list: (id) => repo.findList(ex, id),
    revocation: (id, index) => repo.findRevocation(ex, id, index),
  });
  function memoised(ex: Executor): Lookups {
    const memo = new Map<string, Promise<unknown>>();
    const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
      let hit = memo.get(key) as Promise<T> | undefined;
      if (!hit) {
        hit = load();
        memo.set(key, hit);
      }
      return hit;
    };
    return {
      organisation: (id) => once(`o|${id}`, () => repo.findOrganisation(ex, id)),
      keys: (id) => once(`k|${id}`, () => repo.listKeys(ex, id)),
      list: (id) => once(`l|${id}`, () => repo.findList(ex, id)),
      // A list's revocations read once for the call (an issuance chunk checks many entries of one list).
      revocation: async (id, index) => (await once(`r|${id}`, () => repo.revocationsOf(ex, id))).get(index),
    };
  }

  /** The documents a signature by `key` is checked against: the issuer's DID document as it stands and the key's. */
  function signatureDocuments(orgId: string, keys: IssuerKeyRow[], key: IssuerKeyRow): SignatureDocuments {
    const did = issuerDid(origin, orgId);
    return { did, didDocument: didDocumentOf(orgId, keys) ?? {}, keyDocument: multikeyDocument(did, key) as Credential & { id: string } };
  }

  /**
   * Every check of a credential. `signed`: the signature check already made (by the issuing chunk, on a worker
   * thread, against the same documents) for a proof by that key — used when the proof names that key.
   */
  async function verify(ex: Executor, json: unknown, lookups: Lookups = direct(ex), signed?: { keyId: string; check: Check }): Promise<VerificationReport> {
    const checks: Check[] = [];
    const skip = (names: Check['check'][], reason: string) => {
      for (const check of names) checks.push({ check, outcome: 'could_not_check', reason });
    };
    if (!isRecord(json)) {
      checks.push({ check: 'format', outcome: 'fail', reason: 'format.not_an_object' });
      skip(['issuer', 'key', 'signature', 'status'], 'format.failed');
      return { valid: false, checks };
    }
    const context = json['@context'];
    const types = Array.isArray(json.type) ? json.type : [json.type];
    const proofs = proofsOf(json);
    const eddsa = proofs.find((p) => p.type === 'DataIntegrityProof' && p.cryptosuite === 'eddsa-rdfc-2022');
    const formatProblem =
      !Array.isArray(context) || context[0] !== VC_V2_CONTEXT
        ? 'format.not_vc2'
        : !types.includes('VerifiableCredential')
          ? 'format.not_vc2'
          : !eddsa
            ? 'format.no_proof'
            : typeof json.validFrom !== 'string' || Number.isNaN(new Date(json.validFrom).getTime())
              ? 'format.no_valid_from'
              : null;
    if (formatProblem || !eddsa) {
      checks.push({ check: 'format', outcome: 'fail', reason: formatProblem ?? 'format.no_proof' });
      skip(['issuer', 'key', 'signature', 'status'], 'format.failed');
      return { valid: false, checks };
    }
    checks.push({ check: 'format', outcome: 'pass', reason: 'format.vc2' });
    const validFrom = new Date(String(json.validFrom));

    // Issuer: one of this platform's issuers, known in the catalog of organisations, with keys.
    const did = idOf(json.issuer) ?? '';
    const orgId = orgIdOfDid(origin, did);
    const org = orgId ? await lookups.organisation(orgId) : undefined;
    const keys = org ? await lookups.keys(org.id) : [];
    if (!org || keys.length === 0) {
      checks.push({ check: 'issuer', outcome: 'fail', reason: orgId ? 'issuer.unknown' : 'issuer.not_this_platform' });
      skip(['key', 'signature', 'status'], 'issuer.failed');
      return { valid: false, checks };
    }
    checks.push({ check: 'issuer', outcome: 'pass', reason: 'issuer.known', detail: org.name });
    const issuer = { orgId: org.id, did, name: org.name };

    // Key: named by the proof, one of the issuer's Ed25519 keys, valid at the issue date.
    const vm = parseVerificationMethod(idOf(eddsa.verificationMethod) ?? '');
    const key = vm && vm.did === did ? keys.find((k) => k.keyNo === vm.keyNo && k.algorithm === ED25519) : undefined;
    if (!key) {
      checks.push({ check: 'key', outcome: 'fail', reason: 'key.unknown' });
    } else {
      const reason = keyValidityReason(key, validFrom);
      checks.push({ check: 'key', outcome: reason === 'key.valid' ? 'pass' : 'fail', reason, detail: `key-${key.keyNo}` });
    }

    // Signature: eddsa-rdfc-2022 through @digitalbazaar/vc, with only this issuer's documents available offline.
    if (!key) {
      skip(['signature'], 'key.unknown');
    } else if (signed && signed.keyId === key.id) {
      checks.push(signed.check);
    } else {
      checks.push(await checkEddsaSignature(json, signatureDocuments(org.id, keys, key), contextUrls, now()));
    }

    // Status: the entry must point at one of this issuer's lists; revoked entries fail.
    const status = isRecord(json.credentialStatus) ? json.credentialStatus : undefined;
    const listRef = status && typeof status.statusListCredential === 'string' ? parseStatusListUrl(origin, status.statusListCredential) : null;
    const index =
      status && typeof status.statusListIndex === 'string' && /^(0|[1-9][0-9]{0,9})$/.test(status.statusListIndex) ? Number(status.statusListIndex) : NaN;
    const list = listRef && listRef.orgId === org.id ? await lookups.list(listRef.listId) : undefined;
    if (status?.type !== 'BitstringStatusListEntry' || status.statusPurpose !== 'revocation') {
      checks.push({ check: 'status', outcome: 'fail', reason: 'status.missing' });
    } else if (!list || list.orgId !== org.id || !Number.isInteger(index) || index >= list.nextIndex) {
      checks.push({ check: 'status', outcome: 'fail', reason: 'status.unknown_entry' });
    } else {
      const revoked = await lookups.revocation(list.id, index);
      checks.push(
        revoked
          ? { check: 'status', outcome: 'fail', reason: 'status.revoked', detail: w3cDate(revoked.revokedAt) }
          : { check: 'status', outcome: 'pass', reason: 'status.not_revoked' },
      );
    }
    // 国密: checked when present (a profile that asks for it signs with it; a verifier cannot require it).
    const sm2Proof = proofs.find((p) => p.type === 'DataIntegrityProof' && p.cryptosuite === SM2_CRYPTOSUITE);
    if (sm2Proof) checks.push(await checkSm2(json, sm2Proof, did, keys, validFrom));
    return { valid: overallValid(checks), checks, issuer };
  }

  const kit: CredentialsKit = {
    origin,
    issuerDid: (orgId) => issuerDid(origin, orgId),

    async ensureIssuerKey(ex, orgId, algorithm = ED25519) {
      const current = signingKey(await repo.listKeys(ex, orgId), algorithm, now());
      if (current) return current;
      return inTx(ex, async (tx) => {
        if (!(await repo.lockIssuer(tx, orgId))) throw notFound('organisation');
        const keys = await repo.listKeys(tx, orgId);
        // An issuer's first key of an algorithm starts a few minutes back: a credential dated just before the key was
        // made (the caller took its date, then asked us to sign) is covered; no earlier key exists to overlap with.
        const first = !keys.some((k) => k.algorithm === algorithm);
        return (
          signingKey(keys, algorithm, now()) ??
          newKey(tx, orgId, keys, wholeSecond(new Date(now().getTime() - (first ? FIRST_KEY_LEAD_MS : 0))), algorithm, SYSTEM, 'credential.key.create')
        );
      });
    },

    async rotateIssuerKey(ex, orgId, algorithm = ED25519, who = SYSTEM) {
      return inTx(ex, async (tx) => {
        if (!(await repo.lockIssuer(tx, orgId))) throw notFound('organisation');
        // Whole seconds, as credentials' validFrom is written: a credential of this second is the new key's.
        const at = wholeSecond(now());
        const keys = await repo.listKeys(tx, orgId);
        for (const k of keys) if (k.algorithm === algorithm && (k.validUntil === null || k.validUntil > at)) await repo.endKeyValidity(tx, k.id, at);
        return newKey(tx, orgId, keys, at, algorithm, who, 'credential.key.rotate');
      });
    },

    didDocument: didDocumentFor,

    async allocateStatusEntry(tx, orgId) {
      let list = await repo.lockOpenList(tx, orgId);
      if (!list || !listHasRoom(list)) {
        // Opening a list: under the issuer's lock, and looked for again, so two transactions never open two lists.
        if (!(await repo.lockIssuer(tx, orgId))) throw notFound('organisation');
        list = await repo.lockOpenList(tx, orgId);
        if (!list || !listHasRoom(list)) list = await repo.insertList(tx, orgId, STATUS_LIST_LENGTH);
      }
      return { listId: list.id, index: await repo.takeIndex(tx, list.id) };
    },

    async allocateStatusEntries(tx, orgId, n) {
      const out: StatusEntry[] = [];
      while (out.length < n) {
        let list = await repo.lockOpenList(tx, orgId);
        if (!list || !listHasRoom(list)) {
          if (!(await repo.lockIssuer(tx, orgId))) throw notFound('organisation');
          list = await repo.lockOpenList(tx, orgId);
          if (!list || !listHasRoom(list)) list = await repo.insertList(tx, orgId, STATUS_LIST_LENGTH);
        }
        const take = Math.min(n - out.length, list.length - list.nextIndex);
        const first = await repo.takeIndexes(tx, list.id, take);
        for (let index = first; index < first + take; index++) out.push({ listId: list.id, index });
      }
      return out;
    },

    async revokeStatusEntry(tx, entry, at = now()) {
      const list = await repo.findList(tx, entry.listId);
      if (!list || entry.index < 0 || entry.index >= list.nextIndex) throw notFound('status entry');
      return repo.insertRevocation(tx, entry.listId, entry.index, at);
    },

    async statusListCredential(ex, orgId, listId) {
      const list = await repo.findList(ex, listId);
      if (!list || list.orgId !== orgId) return null;
      const etag = (v: number) => `"${list.id}.${v}"`;
      if (list.signedCredential && list.signedVersion === list.version) return { json: list.signedCredential, etag: etag(list.version) };
      const bits = await createList({ length: list.length });
      for (const i of await repo.revokedIndexes(ex, list.id)) bits.setStatus(i, true);
      const unsigned = await createStatusListCredential({ id: statusListUrl(origin, orgId, listId), list: bits, statusPurpose: 'revocation' });
      const signed = await sign(ex, orgId, { ...unsigned, issuer: issuerDid(origin, orgId), validFrom: w3cDate(now()) });
      const json = JSON.stringify(signed);
      await repo.storeSignedList(ex, list.id, list.version, json);
      return { json, etag: etag(list.version) };
    },

    signCredential: sign,

    async signCredentials(ex, orgId, list, signOpts = {}) {
      const key = await kit.ensureIssuerKey(ex, orgId);
      const sm2Key = signOpts.sm2 ? await kit.ensureIssuerKey(ex, orgId, SM2) : undefined;
      const out: Credential[] = [];
      for (const c of list) out.push(await signWith(orgId, c, key, sm2Key));
      return out;
    },
    verifyCredential: (ex, json) => verify(ex, json),
    async verifyCredentials(ex, jsons) {
      const lookups = memoised(ex);
      const out: VerificationReport[] = [];
      for (const json of jsons) out.push(await verify(ex, json, lookups));
      return out;
    },

    async issueCredentials(ex, orgId, list) {
      // What the checks read, read once per transaction and issuer (the first call makes the key if there is none):
      // the later parts of a chunk, signed while the chunk's rows are inserted, send no query of their own.
      // (Outside a transaction, nothing is kept from one call to the next.)
      let byOrg = issuing.get(ex);
      if (!byOrg) {
        byOrg = new Map();
        if ('rollback' in ex) issuing.set(ex, byOrg);
      }
      let lookups = byOrg.get(orgId);
      if (!lookups) {
        await kit.ensureIssuerKey(ex, orgId);
        lookups = memoised(ex);
        byOrg.set(orgId, lookups);
      }
      const at = now();
      const key = signingKey(await lookups.keys(orgId), ED25519, at) ?? (await kit.ensureIssuerKey(ex, orgId));
      for (const c of list) assertSignable(orgId, c, [key], at);
      const signed = await signShared({
        credentials: list,
        key: openKey(key),
        documents: signatureDocuments(orgId, await lookups.keys(orgId), key),
        contextUrls,
        at,
        now: at,
      });
      const out: { json: string; report: VerificationReport }[] = [];
      for (const s of signed) {
        // Every check of the stored JSON parsed back; the signature's, made beside the signing, is taken when the proof
        // names the key that signed (it always does — otherwise it is checked here again).
        out.push({ json: s.json, report: await verify(ex, JSON.parse(s.json) as unknown, lookups, { keyId: key.id, check: s.signature }) });
      }
      return out;
    },
  };
  return kit;
}

function wholeSecond(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}

/**
 * Signs and checks a list on this thread and a worker thread at once, results in the list's order: each thread takes
 * the next credential from shared claims (credentials.signature.ts) until none is left, so the two finish together
 * whatever else either is doing. A worker busy with other work, slow to start, or failing leaves the rest to this
 * thread: it waits for the worker only when the worker took something, and does here whatever the worker took but did
 * not return. Signatures are deterministic (Ed25519, one date), so either thread's result is the same.
 */
const WORKER_GRACE_MS = 10_000;

async function signShared(input: SignAndCheckInput): Promise<SignedAndChecked[]> {
  const claims = newClaims(input.credentials.length);
  const out: (SignedAndChecked | undefined)[] = new Array(input.credentials.length);
  const worker = runInWorker(signAndCheckShareTask, { ...input, claims }).then(
    (done) => {
      for (const d of done) out[d.index] ??= { json: d.json, signature: d.signature };
    },
    () => undefined,
  );
  for (const d of await signAndCheckClaimed(input, claims, CLAIMED_HERE, yieldToLoop)) out[d.index] = { json: d.json, signature: d.signature };
  const board = new Int32Array(claims);
  // The worker holds at most the one credential it is working on when nothing is left to take: wait for it, but not
  // for ever (a worker stalled or stopped): past WORKER_GRACE_MS what it took is done here.
  if (board.some((who, i) => i > 0 && who === CLAIMED_BY_WORKER)) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([worker, new Promise((resolve) => (timer = setTimeout(resolve, WORKER_GRACE_MS)))]);
    clearTimeout(timer);
  }
  const result: SignedAndChecked[] = [];
  for (const [i, d] of out.entries()) result.push(d ?? (await signAndCheck({ ...input, credentials: [input.credentials[i]!] }))[0]!);
  return result;
}

/** SHA-256 of a credential's JSON as stored (what the issuance module keeps beside its verification result). */
export function credentialHash(json: string): string {
  return createHash('sha256').update(json, 'utf8').digest('hex');
}
