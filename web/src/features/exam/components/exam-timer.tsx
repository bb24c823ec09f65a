import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function clockText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

/** Seconds until `targetMs` (server time), ticking every half second on the server clock estimate. */
export function useSecondsUntil(targetMs: number, serverNow: () => number): number {
  const [left, setLeft] = useState(() => Math.ceil((targetMs - serverNow()) / 1000));
  useEffect(() => {
    const tick = () => setLeft(Math.max(0, Math.ceil((targetMs - serverNow()) / 1000)));
    tick();
    const id = window.setInterval(tick, 500);
    return () => window.clearInterval(id);
  }, [targetMs, serverNow]);
  return Math.max(0, left);
}

/** Has server time reached `targetMs`? (Re-renders once, when it does.) */
export function useReached(targetMs: number, serverNow: () => number): boolean {
  const [reached, setReached] = useState(() => serverNow() >= targetMs);
  useEffect(() => {
    const wait = targetMs - serverNow();
    setReached(wait <= 0);
    if (wait <= 0) return;
    const id = window.setTimeout(() => setReached(true), Math.min(wait + 50, 2_147_000_000));
    return () => window.clearTimeout(id);
  }, [targetMs, serverNow]);
  return reached;
}

/** The remaining time, from the server's deadline and clock (never the browser clock alone). */
export function ExamTimer({ deadlineMs, serverNow }: { deadlineMs: number; serverNow: () => number }) {
  const { t } = useTranslation();
  const left = useSecondsUntil(deadlineMs, serverNow);
  const level = left <= 60 ? 'ex-timer-danger' : left <= 300 ? 'ex-timer-warn' : '';
  return (
    <div className={`ex-timer ${level}`} role="timer" aria-label={t('exam.remaining')} data-testid="exam-timer" data-seconds={left}>
      <span className="ex-timer-label">{t('exam.remaining')}</span>
      <span className="ex-timer-value">{clockText(left)}</span>
    </div>
  );
}
