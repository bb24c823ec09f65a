import type { Executor } from '../../db/client.ts';

/**
 * Who already holds the certificate of this occupation at this level, as identity keys (`idType:hash`, the
 * vault's keyed hash). Certificates are issued by a later module (DOMAIN.md §2 step 9); until it lands nobody holds
 * one, so this answers the empty set. That module replaces the body with a query over its certificates joined to
 * persons — the enrolment rule (ENROLMENT.CERTIFICATE_HELD) already reads it.
 */
export async function holdersOfCertificate(_ex: Executor, _occupationId: string | null, _level: number | null): Promise<Set<string>> {
  return new Set<string>();
}
