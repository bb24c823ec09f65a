import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ExamAttemptState, isEmptyResponse } from '@/features/exam/api/exam-api';
import { ExamPaper } from '@/features/exam/components/exam-paper';
import { clockText, useReached, useSecondsUntil } from '@/features/exam/components/exam-timer';
import { type ExamEngine, useExam } from '@/features/exam/lib/use-exam';
import { ExamBar } from '@/features/exam/components/exam-sign-in';
import type { ApiError } from '@/lib/http';
import { errorText } from '@/lib/api-errors';
import '@/features/exam/components/exam.css';

function timeOf(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  // Sittings are planned and printed on the admission ticket in China time, whatever the device's own zone.
  return Number.isNaN(d.getTime())
    ? '—'
    : d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });
}

/** 候考: who and where, the start on the server clock, and the start button once the sitting has begun. */
function Waiting({ exam }: { exam: ExamEngine }) {
  const { t } = useTranslation();
  const attempt = exam.attempt;
  const startsMs = Date.parse(attempt.startsAt);
  const until = useSecondsUntil(startsMs, exam.serverNow);
  const begun = useReached(startsMs, exam.serverNow);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    // Full screen on desktops that have it (a user gesture is needed); phones do not.
    const coarse = window.matchMedia?.('(pointer: coarse)').matches ?? false;
    if (!coarse && document.documentElement.requestFullscreen) await document.documentElement.requestFullscreen().catch(() => undefined);
    setBusy(true);
    setError(null);
    try {
      await exam.start();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="lt-center">
      <section className="lt-card" style={{ maxWidth: 480, width: '100%' }} data-testid="exam-waiting">
        <div className="lt-card-title">{attempt.sitting.title}</div>
        <div className="lt-card-body">
          {attempt.photoUrl ? <img className="ex-photo" src={attempt.photoUrl} alt={attempt.candidateName} data-testid="exam-photo" /> : null}
          <dl className="ex-facts">
            <dt>{t('exam.candidate')}</dt>
            <dd data-testid="exam-candidate">{attempt.candidateName}</dd>
            <dt>{t('exam.examNumber')}</dt>
            <dd>{attempt.examNumber}</dd>
            <dt>{t('exam.room')}</dt>
            <dd>
              {attempt.sitting.room} · {t('exam.seat')} {attempt.sitting.seat ?? '—'}
            </dd>
            <dt>{t('exam.waiting.startsAt')}</dt>
            <dd>{timeOf(attempt.startsAt)}</dd>
            <dt>{t('exam.waiting.entryClosesAt')}</dt>
            <dd>{timeOf(attempt.entryClosesAt)}</dd>
          </dl>
          {!begun ? (
            <p className="ex-countdown" data-testid="exam-starts-in">
              {t('exam.waiting.startsIn')} {clockText(until)}
            </p>
          ) : null}
          <p className="lt-muted">{t('exam.waiting.rules')}</p>
          {error ? (
            <div className="lt-alert lt-alert-error" role="alert" data-testid="exam-start-error">
              {errorText(error, t)}
            </div>
          ) : null}
          <button type="button" className="lt-btn lt-btn-primary lt-btn-block" disabled={!begun || busy} onClick={() => void start()} data-testid="exam-start">
            {begun ? t('exam.waiting.start') : t('exam.waiting.notYet')}
          </button>
        </div>
      </section>
    </main>
  );
}

/** After submission: by whom and when, and that every answer is kept. */
function Submitted({ attempt }: { attempt: ExamAttemptState }) {
  const { t } = useTranslation();
  const answered = attempt.answers.filter((a) => !isEmptyResponse(a.response)).length;
  const at = attempt.submittedAt ?? attempt.serverNow;
  const by = attempt.submittedHow ?? 'candidate';
  const line =
    by === 'deadline'
      ? t('exam.submitted.byServer', { time: timeOf(at) })
      : by === 'invigilator'
        ? t('exam.submitted.byStaff', { time: timeOf(at) })
        : by === 'switch_limit'
          ? t('exam.submitted.bySwitchLimit', { time: timeOf(at) })
          : t('exam.submitted.byCandidate', { time: timeOf(at) });
  return (
    <main className="lt-center">
      <section className="lt-card" style={{ maxWidth: 480, width: '100%' }} data-testid="exam-submitted" data-by={by}>
        <div className="lt-card-title">{t('exam.submitted.title')}</div>
        <div className="lt-card-body">
          <p>{line}</p>
          <p data-testid="exam-submitted-answered">{t('exam.submitted.answered', { answered, total: attempt.items.length })}</p>
          <p className="lt-muted">{t('exam.submitted.leave')}</p>
        </div>
      </section>
    </main>
  );
}

/**
 * The candidate's exam once signed in (a chunk of its own, loaded after sign-in): wait for the start, write, submit.
 * `initial` is the attempt as sign-in (or the page's first read) returned it, read at `sentAt` (browser ms).
 */
export function ExamSession({ initial, sentAt, onSignedOut }: { initial: ExamAttemptState; sentAt: number; onSignedOut: (refusal: ApiError | null) => void }) {
  const { t } = useTranslation();
  const exam = useExam(initial, sentAt, onSignedOut);
  const attempt = exam.attempt;
  let body: ReactNode;
  if (exam.fatal) {
    body = (
      <main className="lt-center">
        <div className="lt-alert lt-alert-error" role="alert" data-testid="exam-other-device">
          {t('exam.otherDevice')}
        </div>
      </main>
    );
  } else if (attempt.status === 'submitted') {
    body = <Submitted attempt={attempt} />;
  } else if (attempt.status === 'absent') {
    body = (
      <main className="lt-center">
        <div className="lt-alert lt-alert-warning" data-testid="exam-absent">
          {t('exam.absent')}
        </div>
      </main>
    );
  } else if (attempt.status === 'writing') {
    return (
      <div className="lt-page ex-page">
        <ExamPaper key={attempt.attemptId} exam={exam} />
      </div>
    );
  } else {
    body = <Waiting exam={exam} />;
  }
  return (
    <div className="lt-page ex-page">
      <ExamBar />
      {body}
    </div>
  );
}
