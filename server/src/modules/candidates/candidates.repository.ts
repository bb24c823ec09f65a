import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { persons, users } from '../../db/schema.ts';

/** A candidate account waiting for activation, by username. */
export async function findPendingActivation(ex: Executor, username: string) {
  const [row] = await ex
    .select({ userId: users.id, username: users.username, personId: persons.id, codeHash: persons.activationCodeHash, active: users.active })
    .from(users)
    .innerJoin(persons, eq(persons.userId, users.id))
    .where(and(eq(users.username, username), eq(users.role, 'candidate'), isNull(persons.activatedAt)))
    .limit(1);
  return row;
}

export async function markActivated(ex: Executor, personId: string): Promise<void> {
  await ex.update(persons).set({ activatedAt: new Date(), activationCodeHash: null, updatedAt: new Date() }).where(eq(persons.id, personId));
}
