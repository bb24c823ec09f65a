import type { Executor } from '../../db/client.ts';
import { candidateResult, clearance, type PartKind } from '../results/results.rules.ts';
import * as repo from './certificates.repository.ts';

export interface CandidateClearance {
  enrolmentId: string;
  personId: string;
  cleared: boolean;
  /** Why not (not_passed, objection_open, flag_open, publicity_running). */
  blocks: string[];
}

/**
 * Which of a plan's candidates are cleared for a certificate: passed every part (results.rules), no open objection
 * (异议) or supervision flag, publicity closed. The results module reads the same tables with the same rules; this
 * is the certificates module's own reading until the results module exports `clearedCandidates`.
 */
export async function planClearance(ex: Executor, planId: string, publicityClosesAt: Date, now: Date): Promise<CandidateClearance[]> {
  const f = await repo.candidateFacts(ex, planId);
  const byEnrolment = new Map<string, typeof f.results>();
  for (const r of f.results) byEnrolment.set(r.enrolmentId, [...(byEnrolment.get(r.enrolmentId) ?? []), r]);
  const objections = new Map(f.openObjections.map((o) => [o.enrolmentId, o.n]));
  const flags = new Map(f.openFlags.map((o) => [o.enrolmentId, o.n]));
  // An objection or flag about the plan as a whole (no candidate named) holds every candidate.
  const planObjections = objections.get(null) ?? 0;
  const planFlags = flags.get(null) ?? 0;
  return f.people.map((p) => {
    const mine = byEnrolment.get(p.enrolmentId) ?? [];
    const outcome = candidateResult(
      f.parts.map((part) => {
        const r = mine.find((m) => m.partId === part.id);
        return {
          kind: part.kind as PartKind,
          passMark: part.passMark,
          score: r?.score ?? null,
          absent: r?.absent ?? false,
          substituted: r?.substituted ?? false,
        };
      }),
    ).outcome;
    const c = clearance(
      { outcome, openObjections: (objections.get(p.enrolmentId) ?? 0) + planObjections, openFlags: (flags.get(p.enrolmentId) ?? 0) + planFlags },
      publicityClosesAt,
      now,
    );
    return { enrolmentId: p.enrolmentId, personId: p.personId, cleared: c.cleared, blocks: c.cleared ? [] : c.blocks };
  });
}
