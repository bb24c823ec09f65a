import { ActivateBody } from '@skillcert/shared/api/enrolment';
import { Me } from '@skillcert/shared/api/auth';
import { SESSION_COOKIE } from '../../http/access-hook.ts';
import type { App, AppDeps } from '../../http/types.ts';
import { activateCandidate } from './candidates.service.ts';

export function registerCandidateRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/auth/activate',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'A candidate’s first login: username + one-time activation code + a new password; sets the session cookie',
        body: ActivateBody,
        response: { 200: Me },
      },
    },
    async (req, reply) => {
      const result = await activateCandidate(deps.db, req.body, { ip: req.ip, requestId: req.id }, deps.config.sessionHours);
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.cookieSecure,
        expires: result.expiresAt,
      });
      return result.me;
    },
  );
}
