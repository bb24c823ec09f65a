import type { StoredCheck } from './db/schema.ts';
import { buildCertificateCredential } from './modules/credentials/credentials.document.ts';
import { type CredentialsKit, credentialHash } from './modules/credentials/credentials.service.ts';
import type { CertificateSigner } from './modules/certificates/certificates.signing.ts';

type KitCheck = Awaited<ReturnType<CredentialsKit['verifyCredential']>>['checks'][number];
const stored = (c: KitCheck): StoredCheck => ({ name: c.check, outcome: c.outcome, reason: c.reason });

/**
 * Wiring of two modules (here, beside app.ts, so neither reaches into the other's internals): issuance's signer over the credentials module: builds the VC 2.0 certificate, signs it with the issuer's key
 * (eddsa-rdfc-2022), and verifies the stored JSON once — the result and the hash are kept with the certificate.
 */
export function signerOfKit(kit: CredentialsKit): CertificateSigner {
  return {
    allocateStatusEntry: (tx, orgId) => kit.allocateStatusEntry(tx, orgId),
    allocateStatusEntries: (tx, orgId, n) => kit.allocateStatusEntries(tx, orgId, n),
    revokeStatusEntry: (tx, entry, at) => kit.revokeStatusEntry(tx, entry, at),
    async signCertificate(ex, fields) {
      const signed = await kit.signCredential(ex, fields.issuerOrgId, buildCertificateCredential({ origin: kit.origin, ...fields }));
      const json = JSON.stringify(signed);
      const report = await kit.verifyCredential(ex, JSON.parse(json) as unknown);
      return { json, hash: credentialHash(json), valid: report.valid, checks: report.checks.map(stored) };
    },
    async signCertificates(ex, orgId, list) {
      if (list.some((f) => f.issuerOrgId !== orgId)) throw new Error('signCertificates: one issuer per call');
      // Each signed and its stored JSON verified as a reader would (parsed back from the text), the issuer's rows read
      // once; the work shared between this thread and a worker thread.
      const issued = await kit.issueCredentials(
        ex,
        orgId,
        list.map((fields) => buildCertificateCredential({ origin: kit.origin, ...fields })),
      );
      return issued.map(({ json, report }) => ({ json, hash: credentialHash(json), valid: report.valid, checks: report.checks.map(stored) }));
    },
    async rotateKey(ex, orgId, who) {
      const key = await kit.rotateIssuerKey(ex, orgId, undefined, who);
      return { keyNo: key.keyNo, validFrom: key.validFrom };
    },
    async verify(ex, json) {
      const report = await kit.verifyCredential(ex, json);
      return { valid: report.valid, checks: report.checks.map(stored) };
    },
  };
}
