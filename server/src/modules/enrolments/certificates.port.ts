import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { certificates, occupations } from '../../db/schema.ts';

/**
 * Who already holds a (valid) certificate of this occupation at this level, as identity keys (`idType:hash`, the
 * vault's keyed hash) — the enrolment rule ENROLMENT.CERTIFICATE_HELD reads it. A revoked certificate is not held.
 */
export async function holdersOfCertificate(ex: Executor, occupationId: string | null, level: number | null): Promise<Set<string>> {
  if (!occupationId || level === null) return new Set<string>();
  const rows = await ex
    .select({ idType: certificates.idType, idHash: certificates.idHash })
    .from(certificates)
    .innerJoin(occupations, eq(occupations.code, certificates.occupationCode))
    .where(and(eq(occupations.id, occupationId), eq(certificates.level, level), eq(certificates.status, 'valid')));
  return new Set(rows.map((r) => `${r.idType}:${r.idHash}`));
}
