import fs from 'node:fs';
import path from 'node:path';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { validationText } from '@skillcert/shared/validation-messages';
import { isConnectionError } from '../db/errors.ts';
import { AppError } from './errors.ts';
import { localizeFieldIssues, message, pickLocale, validationMessage } from './messages.ts';

interface FieldIssue {
  path: string;
  message: string;
}

/**
 * Errors fastify answers before any route or hook runs (a path parameter over the router's length limit: 414; a URL
 * that does not decode: 400) — in the one error shape too, without echoing the URL (Fastify's `frameworkErrors`).
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const locale = pickLocale(req.headers['accept-language']);
  const status = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  const issue = { path: 'url', message: validationText(locale, status === 414 ? 'valid.paramTooLong' : 'valid.badUrl') };
  void reply.status(status).send({ error: { code: 'REQUEST.INVALID', message: message(locale, 'REQUEST.INVALID'), details: { issues: [issue] } } });
}

/** Maps every thrown error to the one error shape; never leaks a stack trace. */
export function registerErrorHandler(app: FastifyInstance, webDist: string): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const locale = pickLocale(req.headers['accept-language']);
    const send = (status: number, code: string, details?: Record<string, unknown>, params?: Record<string, string | number>) =>
      reply.status(status).send({ error: { code, message: message(locale, code, params), ...(details ? { details } : {}) } });

    if (err instanceof AppError) {
      if (err.status === 429 && typeof err.details?.retryAfterSeconds === 'number') {
        reply.header('retry-after', String(err.details.retryAfterSeconds));
      }
      // A rule refusal names its rule in `details.rule`; the messages say it through {rule} when the thrower gave no params.
      const rule: Record<string, string> = typeof err.details?.rule === 'string' ? { rule: err.details.rule } : {};
      const details = err.details?.issues ? { ...err.details, issues: localizeFieldIssues(locale, err.details.issues) } : err.details;
      return send(err.status, err.code, details, { ...rule, ...err.params });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const issues: FieldIssue[] = err.validation.flatMap((v) => {
        const path = [where, ...v.instancePath.split('/').filter(Boolean)];
        const keys = (v.params as { keys?: unknown }).keys;
        if (v.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
          return keys.map((k) => ({ path: [...path, String(k)].join('.'), message: validationText(locale, 'valid.unknownField') }));
        }
        return [{ path: path.join('.'), message: validationMessage(locale, { code: v.keyword, message: v.message ?? 'invalid', ...(v.params as object) }) }];
      });
      return send(400, 'VALIDATION.FAILED', { issues });
    }
    if (isResponseSerializationError(err)) {
      // Paths and codes only: the response's own data stays out of the log.
      const issues = err.cause.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code }));
      req.log.error({ err, issues }, 'response does not match its schema');
      return send(500, 'SERVER.ERROR');
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(400, 'REQUEST.BAD_JSON', { issues: [{ path: 'body', message: validationText(locale, 'valid.badJson') }] });
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(400, 'REQUEST.BODY_TOO_LARGE', { issues: [{ path: 'body', message: validationText(locale, 'valid.bodyTooLarge') }] });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(err.statusCode, 'REQUEST.INVALID', { issues: [{ path: '', message: err.message }] });
    }
    if (isConnectionError(err)) {
      // The database server is down or restarting: the pool reconnects by itself once it is back; clients retry.
      req.log.warn({ err }, 'database unavailable');
      reply.header('retry-after', '5');
      return send(503, 'SERVER.UNAVAILABLE');
    }
    // The logger's error serializer drops query parameters, PostgreSQL's `detail` and long messages (http/logging.ts).
    req.log.error({ err }, 'unhandled error');
    return send(500, 'SERVER.ERROR');
  });

  const spaIndex = path.join(webDist, 'index.html');
  app.setNotFoundHandler((req, reply) => {
    // The web app's client-side routes all load index.html.
    if (req.method === 'GET' && !req.url.startsWith('/api') && fs.existsSync(spaIndex)) {
      return reply.type('text/html').header('cache-control', 'no-cache').send(fs.createReadStream(spaIndex));
    }
    const locale = pickLocale(req.headers['accept-language']);
    reply.status(404).send({ error: { code: 'ROUTE.NOT_FOUND', message: message(locale, 'ROUTE.NOT_FOUND') } });
  });
}
