import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { candidateActivations, users } from '../../db/schema.ts';

/** A candidate account waiting for activation, by username. */
export async function findPendingActivation(ex: Executor, username: string) {
  const [row] = await ex
    .select({ userId: users.id, username: users.username, codeHash: candidateActivations.codeHash, active: users.active })
    .from(users)
    .innerJoin(candidateActivations, eq(candidateActivations.userId, users.id))
    .where(and(eq(users.username, username), eq(users.role, 'candidate'), isNull(candidateActivations.activatedAt)))
    .limit(1);
  return row;
}

export async function markActivated(ex: Executor, userId: string): Promise<void> {
  await ex.update(candidateActivations).set({ activatedAt: new Date(), codeHash: null }).where(eq(candidateActivations.userId, userId));
}
