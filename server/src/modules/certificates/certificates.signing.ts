import type { Executor, Tx } from '../../db/client.ts';
import type { StoredCheck } from '../../db/schema.ts';

/** An entry of an issuer's Bitstring status list. */
export interface StatusEntry {
  listId: string;
  index: number;
}

/** What a certificate's credential states (the credentials module builds the VC from it). */
export interface CredentialFields {
  issuerOrgId: string;
  issuerName: string;
  institutionCode: string;
  certificateKind: string;
  certificateNumber: string;
  holderName: string;
  maskedName: string;
  idType: string;
  maskedIdNumber: string;
  occupationCode: string;
  occupationName: string;
  workType: string;
  level: number;
  levelName: string;
  validFrom: Date;
  status: StatusEntry;
}

export interface SignedCredential {
  /** The signed VC as stored (immutable). */
  json: string;
  /** SHA-256 (hex) of `json`. */
  hash: string;
  /** The verification right after signing. */
  valid: boolean;
  checks: StoredCheck[];
}

export interface VerifyReport {
  valid: boolean;
  checks: StoredCheck[];
}

/**
 * What issuance needs from the signed-credential core (the credentials module): a status entry allocated and a bit
 * set in the caller's transaction, a credential built, signed and verified once, and a pasted credential verified.
 */
export interface CertificateSigner {
  allocateStatusEntry(tx: Tx, issuerOrgId: string): Promise<StatusEntry>;
  /** `n` entries at once (a chunk of a batch), in the caller's transaction. */
  allocateStatusEntries(tx: Tx, issuerOrgId: string, n: number): Promise<StatusEntry[]>;
  revokeStatusEntry(tx: Tx, entry: StatusEntry, at: Date): Promise<boolean>;
  signCertificate(ex: Executor, fields: CredentialFields): Promise<SignedCredential>;
  /** The same for a chunk of one issuer's certificates: keys and lookups read once, each credential signed and verified. */
  signCertificates(ex: Executor, issuerOrgId: string, fields: CredentialFields[]): Promise<SignedCredential[]>;
  verify(ex: Executor, json: unknown): Promise<VerifyReport>;
  /** A new signing key for the issuer, valid from now; the old one keeps verifying what it signed. Audited as `who`. */
  rotateKey(ex: Executor, issuerOrgId: string, who: RotatedBy): Promise<{ keyNo: number; validFrom: Date }>;
}

export interface RotatedBy {
  actor: { userId: string; username: string };
  requestId: string | null;
}
