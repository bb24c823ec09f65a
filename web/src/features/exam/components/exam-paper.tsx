import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isEmptyResponse } from '@/features/exam/api/exam-api';
import { ExamQuestion } from '@/features/exam/components/exam-question';
import { clockText, ExamTimer, useReached } from '@/features/exam/components/exam-timer';
import { loadPosition, savePosition } from '@/features/exam/lib/device-id';
import type { ExamEngine } from '@/features/exam/lib/use-exam';
import { errorText } from '@/lib/api-errors';

type NavState = 'answered' | 'flagged' | 'empty';

function useFullscreen(report: ExamEngine['report']) {
  const [left, setLeft] = useState(false);
  useEffect(() => {
    const onChange = () => {
      if (document.fullscreenElement) {
        setLeft(false);
      } else {
        setLeft(true);
        report('fullscreen_left');
      }
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [report]);
  return { left, back: () => void document.documentElement.requestFullscreen?.().catch(() => undefined) };
}

/** 切屏 and paste: the tab hidden, the window losing focus (once per switch), text pasted. */
function useIntegrity(report: ExamEngine['report']) {
  useEffect(() => {
    let blurTimer: number | undefined;
    // A reload or leaving the page hides it too: that is not a switch (the return is logged as a reconnect/resume).
    let unloading = false;
    const onBeforeUnload = () => {
      unloading = true;
      window.setTimeout(() => {
        unloading = false; // the page stayed after all
      }, 3_000);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden' && !unloading) {
        window.clearTimeout(blurTimer);
        blurTimer = undefined;
        report('tab_hidden');
      }
    };
    const onBlur = () => {
      // Switching tabs blurs the window too: count it once, as tab_hidden.
      window.clearTimeout(blurTimer);
      blurTimer = window.setTimeout(() => {
        if (document.visibilityState !== 'hidden' && !unloading) report('focus_lost');
      }, 400);
    };
    const onPaste = () => report('paste');
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('blur', onBlur);
    document.addEventListener('paste', onPaste);
    return () => {
      window.clearTimeout(blurTimer);
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('blur', onBlur);
      document.removeEventListener('paste', onPaste);
    };
  }, [report]);
}

/** The paper while writing: top bar (who, time, network), one question or all, the answer sheet, submit. */
export function ExamPaper({ exam }: { exam: ExamEngine }) {
  const { t } = useTranslation();
  const attempt = exam.attempt;
  if (!attempt) throw new Error('ExamPaper without an attempt');
  const items = useMemo(() => [...attempt.items].sort((a, b) => a.position - b.position), [attempt.items]);
  const kept = loadPosition(attempt.attemptId);
  const [index, setIndex] = useState(Math.min(kept?.index ?? 0, Math.max(0, items.length - 1)));
  const [mode, setMode] = useState<'one' | 'all'>(kept?.mode ?? 'one');
  const [confirming, setConfirming] = useState(false);
  const [navOpen, setNavOpen] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const fullscreen = useFullscreen(exam.report);
  useIntegrity(exam.report);

  useEffect(() => savePosition({ attemptId: attempt.attemptId, index, mode }), [attempt.attemptId, index, mode]);
  useEffect(() => {
    if (mode === 'all') document.getElementById(`q-${items[index]?.itemId}`)?.scrollIntoView({ block: 'start' });
  }, [mode, index, items]);

  const timeUp = useReached(exam.deadlineMs.current, exam.serverNow);
  const navState = (itemId: string): NavState => {
    const a = exam.answers[itemId];
    if (a?.flagged) return 'flagged';
    return a && !isEmptyResponse(a.response) ? 'answered' : 'empty';
  };
  const answered = items.filter((i) => !isEmptyResponse(exam.answers[i.itemId]?.response)).length;
  const unanswered = items.flatMap((i, n) => (isEmptyResponse(exam.answers[i.itemId]?.response) ? [n + 1] : []));
  const flagged = items.flatMap((i, n) => (exam.answers[i.itemId]?.flagged ? [n + 1] : []));
  const minSubmitMs = Date.parse(attempt.minSubmitAt);
  const tooEarly = exam.serverNow() < minSubmitMs;

  const go = (n: number) => {
    setIndex(n);
    setNavOpen(false);
    if (mode === 'all') document.getElementById(`q-${items[n]?.itemId}`)?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };

  const doSubmit = async () => {
    setSubmitting(true);
    setSubmitError(null);
    try {
      await exam.submit();
      setConfirming(false);
    } catch (e) {
      setSubmitError(e);
    } finally {
      setSubmitting(false);
    }
  };

  const verdict = exam.verdict;
  const current = items[index];
  return (
    <div className="ex-layout">
      <header className="ex-top">
        <div className="ex-who">
          <strong data-testid="exam-candidate">{attempt.candidateName}</strong>
          <span className="lt-muted">
            {attempt.examNumber} · {attempt.sitting.room} · {t('exam.seat')} {attempt.sitting.seat ?? '—'}
          </span>
        </div>
        <ExamTimer key={exam.deadlineTick} deadlineMs={exam.deadlineMs.current} serverNow={exam.serverNow} />
        <div className="ex-actions">
          <fieldset className="lt-switch" aria-label={t('exam.modeOne')}>
            <button type="button" aria-pressed={mode === 'one'} onClick={() => setMode('one')} data-testid="exam-mode-one">
              {t('exam.modeOne')}
            </button>
            <button type="button" aria-pressed={mode === 'all'} onClick={() => setMode('all')} data-testid="exam-mode-all">
              {t('exam.modeAll')}
            </button>
          </fieldset>
          <button type="button" className="lt-btn ex-nav-toggle" onClick={() => setNavOpen((o) => !o)} aria-expanded={navOpen} data-testid="exam-nav-toggle">
            {t('exam.answeredCount', { answered, total: items.length })}
          </button>
          <button type="button" className="lt-btn lt-btn-primary" onClick={() => setConfirming(true)} data-testid="exam-submit">
            {t('exam.submit')}
          </button>
        </div>
      </header>
      <div
        className={`ex-net ${exam.online ? 'ex-net-on' : 'ex-net-off'}`}
        role="status"
        data-testid="exam-net-status"
        data-online={exam.online ? 'true' : 'false'}
        data-pending={exam.pendingCount}
      >
        {exam.online ? (exam.pendingCount > 0 ? t('exam.pending', { count: exam.pendingCount }) : t('exam.online')) : t('exam.offline')}
        {!exam.online && exam.pendingCount > 0 ? ` · ${t('exam.pending', { count: exam.pendingCount })}` : null}
      </div>
      {timeUp ? (
        <div className="lt-alert lt-alert-warning ex-banner" role="alert" data-testid="exam-time-up">
          {t('exam.timeUp')}
        </div>
      ) : null}
      {verdict ? (
        <div className="lt-alert lt-alert-warning ex-banner" role="alert" data-testid="exam-warning">
          {verdict.limit ? t('exam.warningLimit', { count: verdict.count, limit: verdict.limit }) : t('exam.warning', { count: verdict.count })}{' '}
          <button type="button" className="lt-btn" onClick={exam.dismissVerdict}>
            ×
          </button>
        </div>
      ) : null}
      {fullscreen.left && !timeUp ? (
        <div className="lt-alert lt-alert-warning ex-banner" role="alert" data-testid="exam-fullscreen-left">
          {t('exam.fullscreenLeft')}{' '}
          <button type="button" className="lt-btn" onClick={fullscreen.back}>
            {t('exam.fullscreen')}
          </button>
        </div>
      ) : null}
      <div className="ex-body">
        <main className="ex-main">
          {mode === 'one' && current ? (
            <>
              <ExamQuestion item={current} number={index + 1} answer={exam.answers[current.itemId]} disabled={timeUp} onGive={exam.give} />
              <div className="ex-steps">
                <button type="button" className="lt-btn" disabled={index === 0} onClick={() => go(index - 1)} data-testid="exam-prev">
                  ‹ {t('exam.prev')}
                </button>
                <span className="lt-muted">
                  {index + 1} / {items.length}
                </span>
                <button type="button" className="lt-btn" disabled={index >= items.length - 1} onClick={() => go(index + 1)} data-testid="exam-next">
                  {t('exam.next')} ›
                </button>
              </div>
            </>
          ) : (
            items.map((item, n) => (
              <div key={item.itemId} id={`q-${item.itemId}`} className="ex-anchor">
                <ExamQuestion item={item} number={n + 1} answer={exam.answers[item.itemId]} disabled={timeUp} onGive={exam.give} />
              </div>
            ))
          )}
        </main>
        <nav className={`ex-nav${navOpen ? ' ex-nav-open' : ''}`} aria-label={t('exam.navigator')} data-testid="exam-navigator">
          <div className="ex-nav-title">{t('exam.navigator')}</div>
          <div className="ex-nav-grid">
            {items.map((item, n) => {
              const s = navState(item.itemId);
              return (
                <button
                  key={item.itemId}
                  type="button"
                  className={`ex-nav-item ex-nav-${s}${n === index ? ' ex-nav-current' : ''}`}
                  onClick={() => go(n)}
                  aria-current={n === index ? 'step' : undefined}
                  data-testid="exam-nav-item"
                  data-state={s}
                >
                  {n + 1}
                </button>
              );
            })}
          </div>
          <div className="ex-legend">
            <span className="ex-nav-answered">{t('exam.legend.answered')}</span>
            <span className="ex-nav-flagged">{t('exam.legend.flagged')}</span>
            <span className="ex-nav-empty">{t('exam.legend.empty')}</span>
          </div>
        </nav>
      </div>
      {confirming ? (
        <div className="ex-dialog-backdrop" role="presentation">
          <div className="lt-card ex-dialog" role="dialog" aria-modal="true" aria-labelledby="ex-submit-title" data-testid="exam-submit-dialog">
            <div className="lt-card-title" id="ex-submit-title">
              {t('exam.submitTitle')}
            </div>
            <div className="lt-card-body">
              {unanswered.length > 0 ? (
                <p data-testid="exam-unanswered">
                  {t('exam.submitUnanswered', { count: unanswered.length })} {unanswered.join('、')}
                </p>
              ) : (
                <p>{t('exam.submitAllAnswered')}</p>
              )}
              {flagged.length > 0 ? (
                <p>
                  {t('exam.submitFlagged')} {flagged.join('、')}
                </p>
              ) : null}
              {exam.pendingCount > 0 ? <div className="lt-alert lt-alert-warning">{t('exam.submitPending', { count: exam.pendingCount })}</div> : null}
              {tooEarly ? (
                <div className="lt-alert lt-alert-warning">
                  {t('exam.submitTooEarly', {
                    minutes: Math.round((minSubmitMs - Date.parse(attempt.startsAt)) / 60_000),
                    time: clockText((minSubmitMs - exam.serverNow()) / 1000),
                  })}
                </div>
              ) : null}
              {submitError ? (
                <div className="lt-alert lt-alert-error" role="alert" data-testid="exam-submit-error">
                  {errorText(submitError, t)}
                </div>
              ) : null}
              <div className="ex-steps">
                <button type="button" className="lt-btn" onClick={() => setConfirming(false)} data-testid="exam-submit-back">
                  {t('exam.submitBack')}
                </button>
                <button
                  type="button"
                  className="lt-btn lt-btn-primary"
                  disabled={submitting || exam.pendingCount > 0 || !exam.online}
                  onClick={() => void doSubmit()}
                  data-testid="exam-submit-confirm"
                >
                  {t('exam.submitConfirm')}
                </button>
              </div>
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}
