import { workerTask } from '../../lib/worker-pool.ts';
import { CLAIMED_BY_WORKER, type SignAndCheckInput, type SignedAndChecked, signAndCheck, signAndCheckClaimed } from './credentials.signature.ts';

/**
 * Signing work that runs in a worker thread (lib/worker-pool.ts) beside the request thread: an issuance chunk's
 * credentials are shared between the two (two RDFC-1.0 canonicalisations per certificate — sign, then verify what is
 * stored — are CPU work that one thread alone cannot keep up with). The issuer's secret key crosses by structured
 * clone inside the process; the worker keeps its own imported key object per key id.
 */
export function signAndCheckCredentials(input: SignAndCheckInput): Promise<SignedAndChecked[]> {
  return signAndCheck(input);
}
export const signAndCheckTask = workerTask(import.meta.url, 'signAndCheckCredentials', signAndCheckCredentials);

/** The worker's share of a list both threads take from (`claims`: credentials.signature.ts); what it did, by index. */
export function signAndCheckShare(input: SignAndCheckInput & { claims: SharedArrayBuffer }): Promise<(SignedAndChecked & { index: number })[]> {
  return signAndCheckClaimed(input, input.claims, CLAIMED_BY_WORKER);
}
export const signAndCheckShareTask = workerTask(import.meta.url, 'signAndCheckShare', signAndCheckShare);
