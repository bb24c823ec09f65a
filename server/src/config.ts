import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (server/src/config.ts → ../..). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Config {
  port: number;
  host: string;
  /** Folder of the embedded database (PGlite) when no DATABASE_URL is set. */
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: string;
  /** Set the Secure flag on the session cookie (behind HTTPS). */
  cookieSecure: boolean;
  /** Behind a reverse proxy: take the client address, scheme and X-Request-Id from its headers. */
  trustProxy: boolean;
  sessionHours: number;
  /** Seed the demo world into a DATABASE_URL database too. */
  seedDemo: boolean;
  webDist: string;
  /** Master key for ID numbers at rest (env SKILLCERT_DATA_KEY, base64 of 32 bytes); unset: a key file under dataDir. */
  dataKey: string | undefined;
  /** The platform's public origin (env PUBLIC_ORIGIN): names issuer DIDs (did:web), our JSON-LD context and status lists. */
  publicOrigin: string;
}

function resolveFromInvocation(p: string): string {
  // npm runs workspace scripts inside the workspace folder; resolve relative paths from where the user ran npm.
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), p);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: env.DATA_DIR ? resolveFromInvocation(env.DATA_DIR) : path.join(REPO_ROOT, 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    cookieSecure: env.COOKIE_SECURE === 'true',
    trustProxy: env.TRUST_PROXY === 'true',
    sessionHours: Number(env.SESSION_HOURS ?? 12),
    seedDemo: argv.includes('--seed-demo') || env.SEED_DEMO === 'true',
    webDist: path.join(REPO_ROOT, 'web', 'dist'),
    dataKey: env.SKILLCERT_DATA_KEY || undefined,
    publicOrigin: env.PUBLIC_ORIGIN || 'http://localhost:3000',
  };
}
