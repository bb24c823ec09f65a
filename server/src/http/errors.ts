/**
 * The one error model. Services throw AppError; the HTTP error handler turns it into
 * `{"error":{"code","message","details"}}` with its status. Services never import Fastify.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500;

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly status: ErrorStatus,
    /** Stable code, e.g. `FILING.NOT_IN_SCOPE`; also the key of the message catalog. */
    readonly code: string,
    readonly details?: Record<string, unknown>,
    /** Values interpolated into the catalog message. */
    readonly params?: Record<string, string | number>,
  ) {
    super(code);
  }
}

export const badRequest = (code: string, details?: Record<string, unknown>) => new AppError(400, code, details);
export const unauthenticated = (code = 'AUTH.UNAUTHENTICATED') => new AppError(401, code);
export const forbidden = (code = 'ACCESS.DENIED', details?: Record<string, unknown>) => new AppError(403, code, details);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', { what }, { what });
export const conflict = (code: string, details?: Record<string, unknown>) => new AppError(409, code, details);
export const tooMany = (code: string, retryAfterSeconds: number) => new AppError(429, code, { retryAfterSeconds }, { seconds: retryAfterSeconds });

/** A domain rule refused: 422 with the rule id from DOMAIN.md (e.g. "R3") in `details.rule`. */
export const ruleViolation = (rule: string, code: string, details: Record<string, unknown> = {}, params?: Record<string, string | number>) =>
  new AppError(422, code, { rule, ...details }, params);

/** A domain check that is not one of the numbered rules (e.g. a check digit). */
export const unprocessable = (code: string, details?: Record<string, unknown>, params?: Record<string, string | number>) =>
  new AppError(422, code, details, params);
