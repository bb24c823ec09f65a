import type { SubmittedHow } from '@skillcert/shared/api/exams';
import type { Executor } from '../../db/client.ts';
import { paperContent, shownKeys } from './exams.copies.ts';
import * as repo from './exams.repository.ts';
import { type Response, scaleTo100, scoreObjective } from './exams.rules.ts';

/**
 * Submission (交卷), however it comes — the candidate, the deadline sweeper, the switch limit or the invigilator: in the
 * caller's transaction (the attempt row locked), the objective items are marked at once, one item_responses row per
 * objective item is written for the bank's statistics, and when the paper has no 简答 items the theory part's result
 * (scaled to 100) is written too. Subjective items are left to the marking module.
 */
export async function finalizeAttempt(
  tx: Executor,
  attempt: repo.AttemptRow,
  how: SubmittedHow,
  by: { actorId: string | null; address: string | null; reason?: string },
  now = new Date(),
): Promise<void> {
  const paper = await paperContent(tx, attempt.paperId);
  const answers = new Map((await repo.answersOf(tx, attempt.id)).map((a) => [a.itemId, a.response as Response]));
  let score = 0;
  let max = 0;
  let subjective = 0;
  const responses: Parameters<typeof repo.upsertItemResponses>[1] = [];
  for (const item of attempt.layout) {
    if (item.type === 'subjective' || item.type === 'practical') {
      subjective += 1;
      continue;
    }
    const content = paper.byId.get(item.itemId);
    const got = scoreObjective(
      { type: item.type, points: item.points, answer: content?.answer ?? [], shownKeys: shownKeys(item), originalKeys: item.optionOrder },
      answers.get(item.itemId) ?? null,
    );
    score += got;
    max += item.points;
    responses.push({
      paperId: attempt.paperId,
      candidate: attempt.examNumber,
      itemId: item.itemId,
      version: item.version,
      score: got,
      maxScore: item.points,
      recordedAt: now,
    });
  }
  await repo.updateAttempt(tx, attempt.id, {
    status: 'submitted',
    submittedAt: now,
    submittedHow: how,
    objectiveScore: score,
    objectiveMax: max,
    takeoverUntil: null,
  });
  await repo.upsertItemResponses(tx, responses);
  if (subjective === 0) {
    await repo.insertPartResult(tx, {
      enrolmentId: attempt.enrolmentId,
      partId: attempt.partId,
      planId: attempt.planId,
      score: scaleTo100(score, max),
      source: 'exam',
      detail: { objectiveScore: score, objectiveMax: max, scaledTo100: max !== 100, attemptId: attempt.id },
      recordedBy: by.actorId,
      at: now,
    });
  }
  await repo.insertEvent(tx, {
    attemptId: attempt.id,
    sittingId: attempt.sittingId,
    kind: 'submitted',
    data: { how, objectiveScore: score, objectiveMax: max, ...(by.reason ? { reason: by.reason } : {}) },
    address: by.address,
    actorId: by.actorId,
    at: now,
  });
}
