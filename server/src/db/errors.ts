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

/** Socket-level failures of the database connection (node-postgres passes Node's own error codes through). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** node-postgres' own messages for a connection that died under a query (no code). */
const DEAD_CONNECTION = /^(Connection terminated|Client has encountered a connection error|Client was closed and is not queryable)/;

/**
 * True when the database server is unreachable or went away (restart, failover, shutdown), not when a query is wrong:
 * SQLSTATE class 08 (connection exception), 57P01–57P03 (shut down, crashed, starting up), 53300 (too many
 * connections), a refused or reset socket, or node-postgres' "Connection terminated". Looked for through `cause`.
 */
export function isConnectionError(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const cand = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof cand.code === 'string') {
      if (cand.code.startsWith('08') && /^[0-9A-Z]{5}$/.test(cand.code)) return true;
      if (['57P01', '57P02', '57P03', '53300'].includes(cand.code) || SOCKET_CODES.has(cand.code)) return true;
    }
    if (typeof cand.message === 'string' && DEAD_CONNECTION.test(cand.message)) return true;
    e = cand.cause;
  }
  return false;
}
