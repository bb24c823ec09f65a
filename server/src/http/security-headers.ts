import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of every response. The web app's index.html and its Vite build load scripts from
 * files only, so script-src is 'self' with no 'unsafe-inline'. Ant Design (cssinjs) writes <style> elements at run
 * time, and Swagger UI sets style attributes, so style-src needs 'unsafe-inline'; styles cannot run code.
 */
export function contentSecurityPolicy(https: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * Security headers on every response (API, web app, 404s and errors alike): CSP, no framing, nosniff,
 * a referrer policy, and HSTS only when the app is served over HTTPS (COOKIE_SECURE).
 * Register before any hook that may refuse a request, so refusals carry the headers too.
 *
 * The headers are helmet's, worked out ONCE at start-up and set on every reply as a fixed set (issue 16: the
 * @fastify/helmet plugin rebuilt helmet's middleware — CSP directives parsed and joined — on every request, ~5% of a
 * public read's CPU in the profile). Nothing in them depends on the request.
 */
export async function registerSecurityHeaders(app: FastifyInstance, opts: { https: boolean }): Promise<void> {
  const headers = securityHeaders(opts);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
}

/** The header set helmet writes with our options (name → value), captured from its middleware once. */
export function securityHeaders(opts: { https: boolean }): Record<string, string> {
  const headers: Record<string, string> = {};
  const sink = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: () => {},
  };
  const middleware = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(opts.https) },
    frameguard: { action: 'deny' },
    // 'same-origin': nothing leaks to other sites, and same-origin writes keep their Origin header
    // (under 'no-referrer' browsers send "Origin: null", which the cross-site check refuses).
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: opts.https ? { maxAge: 180 * 24 * 3600, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  let failed: unknown;
  middleware({} as IncomingMessage, sink as unknown as ServerResponse, (err?: unknown) => {
    failed = err;
  });
  if (failed) throw failed;
  if (!headers['content-security-policy']) throw new Error('helmet set no Content-Security-Policy');
  return headers;
}
