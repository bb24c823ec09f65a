import type { FastifyRequest } from 'fastify';
import type { UseCaseContext } from '../context.ts';
import { unauthenticated } from './errors.ts';
import { pickLocale } from './messages.ts';
import type { AppDeps } from './types.ts';

/** The use-case context of an authenticated request. */
export function ctxOf(req: FastifyRequest, deps: AppDeps): UseCaseContext {
  if (!req.actor) throw unauthenticated();
  return { db: deps.db, actor: req.actor, requestId: req.id, locale: pickLocale(req.headers['accept-language']) };
}
