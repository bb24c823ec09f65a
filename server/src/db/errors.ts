/** Postgres error fields, as thrown by node-postgres and PGlite (Drizzle wraps them in `cause`). */
interface PgErrorLike {
  code?: string;
  constraint?: string;
  cause?: unknown;
}

function pgError(err: unknown): PgErrorLike | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 3 && e && typeof e === 'object'; depth++) {
    const cand = e as PgErrorLike;
    if (typeof cand.code === 'string' && /^[0-9A-Z]{5}$/.test(cand.code)) return cand;
    e = cand.cause;
  }
  return undefined;
}

/** True when the error is a unique violation, optionally of the named constraint/index. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = pgError(err);
  if (e?.code !== '23505') return false;
  return !constraint || e.constraint === constraint;
}
