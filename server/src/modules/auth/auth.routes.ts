import { ChangePasswordBody, LoginBody, Me } from '@skillcert/shared/api/auth';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../http/access-hook.ts';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as auth from './auth.service.ts';

export function registerAuthRoutes(app: App, deps: AppDeps): void {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.cookieSecure,
  };

  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Log in; sets the session cookie', body: LoginBody, response: { 200: Me } },
    },
    async (req, reply) => {
      const result = await auth.login(deps.db, req.body, { ip: req.ip, requestId: req.id }, deps.config.sessionHours);
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, expires: result.expiresAt });
      return result.me;
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { action: 'auth.logout' }, schema: { tags: ['auth'], summary: 'Log out', response: { 204: z.null() } } },
    async (req, reply) => {
      await auth.logout(ctxOf(req, deps), req.sessionToken ?? '');
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.get('/api/auth/me', { config: { action: 'auth.me' }, schema: { tags: ['auth'], summary: 'The logged-in user', response: { 200: Me } } }, async (req) =>
    auth.me(ctxOf(req, deps)),
  );

  app.post(
    '/api/auth/password',
    {
      config: { action: 'auth.change_password' },
      schema: { tags: ['auth'], summary: 'Change my password', body: ChangePasswordBody, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await auth.changePassword(ctxOf(req, deps), req.sessionToken ?? '', req.body, req.ip);
      return reply.status(204).send(null);
    },
  );
}
