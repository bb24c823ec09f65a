import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { authenticate } from '../modules/auth/auth.service.ts';
import { requireAction } from '../modules/access/policy.ts';
import { forbidden, unauthenticated } from './errors.ts';
import type { AppDeps } from './types.ts';

export const SESSION_COOKIE = 'skillcert_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DOC_ROUTES = /^\/api\/(docs|openapi\.json)(\/|$)/;

export interface RegisteredRoute {
  method: string;
  url: string;
  action: string | null;
  public: boolean;
}

/**
 * Refuses requests another site makes with the user's cookie (CSRF): same-origin only for writes.
 * Same origin means same scheme and same host: http://host is another origin than https://host.
 * Behind a trusted proxy (TRUST_PROXY) the scheme and host are the ones the proxy forwards.
 */
function checkSameOrigin(req: FastifyRequest): void {
  if (req.headers['sec-fetch-site'] === 'cross-site') throw forbidden('ACCESS.CSRF');
  const origin = req.headers.origin;
  if (!origin) return;
  let same = false;
  try {
    // URL drops default ports on both sides, so "http://host:80" and "http://host" compare equal.
    const from = new URL(origin);
    const self = new URL(`${req.protocol}://${req.host}`);
    same = from.protocol === self.protocol && from.host === self.host;
  } catch {
    same = false;
  }
  if (!same) throw forbidden('ACCESS.CSRF');
}

/**
 * Every /api route names its action (or is public); the request's session is loaded, the action
 * checked against the policy, and cross-site writes refused — before the body is even parsed.
 */
export function registerAccessHook(app: FastifyInstance, deps: AppDeps, routes: RegisteredRoute[]): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', undefined);

  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (DOC_ROUTES.test(route.url)) {
      route.config = { ...(route.config ?? {}), public: true };
    }
    const config = route.config ?? {};
    if (!config.action && !config.public) {
      throw new Error(`route ${methods.join(',')} ${route.url} names no action and is not public`);
    }
    for (const m of methods) {
      if (m === 'HEAD') continue;
      routes.push({ method: m, url: route.url, action: config.action ?? null, public: Boolean(config.public) });
    }
  });

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    if (UNSAFE.has(req.method)) checkSameOrigin(req);
    const config = req.routeOptions.config;
    if (!req.routeOptions.url) return; // no such route: the 404 handler answers
    req.sessionToken = req.cookies[SESSION_COOKIE];
    const session = await authenticate(deps.db, req.sessionToken);
    req.actor = session?.actor ?? null;
    if (config.public) return;
    if (!session) throw unauthenticated();
    if (!config.action) throw forbidden();
    // An account with an initial or reset password may only read itself, log out and change the password.
    if (session.mustChangePassword && !config.action.startsWith('auth.')) throw forbidden('AUTH.PASSWORD_CHANGE_REQUIRED');
    requireAction(session.actor, config.action);
  });
}
