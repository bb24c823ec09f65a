import type { Action } from '@skillcert/shared/actions';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Db, DbKind } from '../db/client.ts';
import type { Actor } from '../modules/access/policy.ts';
import type { CredentialsKit } from '../modules/credentials/credentials.service.ts';
import type { IdentityVault } from '../modules/identity/identity.vault.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The action this route performs; the policy must grant it. */
    action?: Action;
    /** Open to everyone, no login (health, login, public catalog). */
    public?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | undefined;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface AppDeps {
  db: Db;
  dbKind: DbKind;
  config: Config;
  /** ID numbers encrypted at rest and their look-up hash. */
  identity: IdentityVault;
  /** Issuer keys, signing and verification of electronic certificates. */
  credentials: CredentialsKit;
}
