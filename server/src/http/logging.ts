import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/**
 * What the server logs, and what it never logs. Requests are logged by method and path only (no query string, no
 * headers, no body); errors by type, code, a scrubbed message and the stack's frames. A database error never brings
 * its query parameters (drizzle puts them in the message and in `params`; PostgreSQL in `detail`), so a failed
 * insert cannot log a password hash or an uploaded file. Anything shaped like a 身份证 number is masked everywhere.
 */

/** 18-character resident ID numbers (and 15-digit old ones) inside any text. */
const ID_NUMBER = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const MAX_MESSAGE = 500;
/** Fields of database errors that name things, never values (PostgreSQL / PGlite error fields). */
const SAFE_ERROR_FIELDS = ['code', 'statusCode', 'severity', 'constraint', 'table', 'column', 'schema', 'routine', 'validationContext'] as const;

export function maskIdNumbers(text: string): string {
  return text.replace(ID_NUMBER, (m) => `${m.slice(0, 3)}${'*'.repeat(m.length - 3)}`);
}

function scrubMessage(message: string): string {
  // drizzle: "Failed query: <sql>\nparams: <values>" — the SQL has placeholders only; the values go.
  const at = message.indexOf('\nparams:');
  const withoutParams = at >= 0 ? `${message.slice(0, at)}\nparams: [not logged]` : message;
  const masked = maskIdNumbers(withoutParams);
  return masked.length > MAX_MESSAGE ? `${masked.slice(0, MAX_MESSAGE)}… [${masked.length - MAX_MESSAGE} more characters not logged]` : masked;
}

export interface LoggedError {
  type: string;
  message: string;
  stack: string;
  cause?: LoggedError;
  [field: string]: unknown;
}

/** An error as it may appear in the log (see the module comment). */
export function serializeError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: scrubMessage(String(err)), stack: '' };
  const type = err.constructor?.name && err.constructor.name !== 'Error' ? err.constructor.name : err.name;
  const message = scrubMessage(err.message);
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const out: LoggedError = { type, message, stack: [`${type}: ${message}`, ...frames].join('\n') };
  const fields = err as unknown as Record<string, unknown>;
  for (const f of SAFE_ERROR_FIELDS) {
    const v = fields[f];
    if (typeof v === 'string' || typeof v === 'number') out[f] = typeof v === 'string' ? maskIdNumbers(v).slice(0, 200) : v;
  }
  if (err.cause !== undefined && depth < 4) out.cause = serializeError(err.cause, depth + 1);
  return out;
}

/** A request as logged: method, path without the query string (ID-number-shaped segments masked), route and address. */
export function serializeRequest(req: FastifyRequest): Record<string, unknown> {
  const q = req.url.indexOf('?');
  return {
    method: req.method,
    url: maskIdNumbers(q >= 0 ? req.url.slice(0, q) : req.url),
    route: req.routeOptions?.url,
    remoteAddress: req.ip,
  };
}

export const logSerializers = {
  req: serializeRequest,
  res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
  err: serializeError,
};

/** Belt and braces if anyone logs a request's raw parts. */
export const logRedact = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'body',
  'req.body',
  'query',
  'req.query',
  'password',
  'passwordHash',
];

/** The server's logger options with the serializers and redaction above (a `false` logger stays off). */
export function safeLogger(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return logger;
  const base = typeof logger === 'object' ? logger : {};
  return { ...base, serializers: logSerializers, redact: { paths: logRedact, censor: '[not logged]' } };
}
