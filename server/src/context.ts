import type { Db, Tx } from './db/client.ts';
import { publicReadsChanged } from './http/public-cache.ts';
import type { Actor } from './modules/access/policy.ts';
import { type AuditInput, appendAudit } from './modules/audit/audit.service.ts';

/** What every use case receives: the database, who is acting, and the request id for the audit trail. */
export interface UseCaseContext {
  db: Db;
  actor: Actor;
  requestId: string;
  /** The language of user-facing text the use case writes into its result (reports, row errors); zh-CN when absent. */
  locale?: Locale;
}

export type Locale = 'zh-CN' | 'en-US';

export type Audit = (input: AuditInput) => Promise<void>;

/**
 * Runs a write in one transaction; `audit` appends to the hash-chained log in that same transaction,
 * so the change and its audit entry commit together or not at all.
 */
export function inTransaction<T>(
  db: Db,
  who: { actor: Pick<Actor, 'userId' | 'username'> | null; requestId: string | null },
  fn: (tx: Tx, audit: Audit) => Promise<T>,
): Promise<T> {
  return db
    .transaction((tx) => fn(tx, (input) => appendAudit(tx, who, input)))
    .then((result) => {
      publicReadsChanged(db);
      return result;
    });
}
