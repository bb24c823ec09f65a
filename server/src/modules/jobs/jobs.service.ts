import type { JobView } from '@skillcert/shared/api/enrolment';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { jobs } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import type { Actor } from '../access/policy.ts';

/**
 * Background jobs with progress, run in this process. A job is a row: queued → running → done | failed. A worker
 * claims the oldest queued job (or a running one whose lease ran out — its process died) with FOR UPDATE SKIP LOCKED,
 * so a restart takes unfinished work up again and two workers never run the same job. One interface: register a
 * handler per kind, enqueue, read.
 */
export interface JobContext {
  params: unknown;
  /** Reports progress (and renews the lease). */
  progress(done: number, total: number): Promise<void>;
}
export interface JobResult {
  data: Buffer;
  name: string;
  type: string;
}
export type JobHandler = (ctx: JobContext) => Promise<JobResult>;

const LEASE_SECONDS = 120;
const MAX_ATTEMPTS = 3;
const handlers = new Map<string, JobHandler>();

export function registerJobHandler(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

interface Claimed {
  id: string;
  kind: string;
  params: unknown;
  attempts: number;
}

async function claim(db: Db): Promise<Claimed | undefined> {
  const rows = await queryRows<Claimed>(
    db,
    sql`update jobs set status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()), lease_until = now() + make_interval(secs => ${LEASE_SECONDS})
        where id = (select id from jobs where status = 'queued' or (status = 'running' and lease_until < now()) order by created_at for update skip locked limit 1)
        returning id, kind, params, attempts`,
  );
  return rows[0];
}

async function runOne(db: Db, job: Claimed): Promise<void> {
  const handler = handlers.get(job.kind);
  if (!handler || job.attempts > MAX_ATTEMPTS) {
    await db
      .update(jobs)
      .set({ status: 'failed', error: handler ? 'too many attempts' : `no handler for ${job.kind}`, finishedAt: new Date() })
      .where(eq(jobs.id, job.id));
    return;
  }
  try {
    const result = await handler({
      params: job.params,
      progress: async (done, total) => {
        await db
          .update(jobs)
          .set({ done, total, progress: total ? done / total : 0, leaseUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
          .where(eq(jobs.id, job.id));
      },
    });
    await db
      .update(jobs)
      .set({ status: 'done', progress: 1, result: result.data, resultName: result.name, resultType: result.type, finishedAt: new Date(), leaseUntil: null })
      .where(eq(jobs.id, job.id));
  } catch (e) {
    await db
      .update(jobs)
      .set({ status: 'failed', error: e instanceof Error ? e.message.slice(0, 500) : String(e), finishedAt: new Date(), leaseUntil: null })
      .where(eq(jobs.id, job.id));
  }
}

const draining = new WeakMap<Db, Promise<void>>();

/** Runs queued jobs until none is left (one at a time per process); returns when the queue is empty. */
export function drainJobs(db: Db): Promise<void> {
  const running = draining.get(db);
  if (running) return running.then(() => drainJobs(db));
  const p = (async () => {
    for (;;) {
      const job = await claim(db);
      if (!job) return;
      await runOne(db, job);
    }
  })().finally(() => draining.delete(db));
  draining.set(db, p);
  return p;
}

/** Waits for the worker of this process to go idle (app shutdown, tests). */
export async function idleJobs(db: Db): Promise<void> {
  await draining.get(db);
}

export async function enqueueJob(db: Db, job: { kind: string; params: unknown; orgId: string | null; createdBy: string }): Promise<JobView> {
  const [row] = await db
    .insert(jobs)
    .values({ kind: job.kind, status: 'queued', params: job.params, orgId: job.orgId, createdBy: job.createdBy })
    .returning({ id: jobs.id });
  setImmediate(() => void drainJobs(db).catch(() => undefined));
  return getJobFor(db, { userId: job.createdBy } as Actor, row!.id);
}

/** A job as its creator sees it (others: 404). */
export async function getJobFor(db: Db, actor: Pick<Actor, 'userId'>, id: string): Promise<JobView> {
  const [j] = await db
    .select({
      id: jobs.id,
      kind: jobs.kind,
      status: jobs.status,
      progress: jobs.progress,
      done: jobs.done,
      total: jobs.total,
      error: jobs.error,
      resultName: jobs.resultName,
      createdAt: jobs.createdAt,
      finishedAt: jobs.finishedAt,
      createdBy: jobs.createdBy,
    })
    .from(jobs)
    .where(eq(jobs.id, id));
  if (!j || j.createdBy !== actor.userId) throw notFound('job');
  return {
    id: j.id,
    kind: j.kind,
    status: j.status as JobView['status'],
    progress: j.progress,
    done: j.done,
    total: j.total,
    error: j.error,
    resultName: j.resultName,
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

export async function jobResultFor(db: Db, actor: Pick<Actor, 'userId'>, id: string): Promise<JobResult> {
  const [j] = await db
    .select({ createdBy: jobs.createdBy, status: jobs.status, result: jobs.result, name: jobs.resultName, type: jobs.resultType })
    .from(jobs)
    .where(eq(jobs.id, id));
  if (!j || j.createdBy !== actor.userId || j.status !== 'done' || !j.result) throw notFound('job result');
  return { data: j.result, name: j.name ?? 'result', type: j.type ?? 'application/octet-stream' };
}
