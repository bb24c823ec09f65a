import '@/features/exam/i18n';
import type { ExamAttemptState } from '@skillcert/shared/api/exams';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { examApi } from '@/features/exam/api/exam-api';
import { ExamBar, ExamSignIn } from '@/features/exam/components/exam-sign-in';
import { deviceId } from '@/features/exam/lib/device-id';
import { ApiError } from '@/lib/http';
import '@/components/light/light.css';

const loadSession = () => import('@/features/exam/components/exam-session');
const ExamSession = lazy(async () => ({ default: (await loadSession()).ExamSession }));

type View =
  | { kind: 'probe' }
  | { kind: 'signin'; refusal: ApiError | null }
  | { kind: 'offline' }
  | { kind: 'session'; state: ExamAttemptState; sentAt: number };

function Busy() {
  const { t } = useTranslation();
  return (
    <div className="lt-page">
      <ExamBar />
      <main className="lt-center">
        <div className="lt-busy" data-testid="exam-loading">
          {t('exam.loading')}
        </div>
      </main>
    </div>
  );
}

/**
 * 理论考试 — the candidate's exam page (`/exam`), public and light (no antd): its first view is the sign-in with
 * 准考证号 + 证件号码, or — when this browser already holds an exam cookie (signed in before a reload, or entered from
 * 我的考试) — the paper, whose code loads as its own chunk (fetched ahead while the candidate types).
 */
export function ExamPage() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>({ kind: 'probe' });

  const probe = useCallback(async () => {
    setView({ kind: 'probe' });
    const sentAt = Date.now();
    try {
      const state = await examApi.attempt();
      setView({ kind: 'session', state, sentAt });
    } catch (e) {
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) setView({ kind: 'signin', refusal: e.code === 'EXAM.OTHER_DEVICE' ? e : null });
      else setView({ kind: 'offline' });
    }
  }, []);

  useEffect(() => {
    void probe();
  }, [probe]);
  useEffect(() => {
    if (view.kind === 'signin') void loadSession().catch(() => undefined);
  }, [view.kind]);

  const signIn = async (examNumber: string, idNumber: string) => {
    const sentAt = Date.now();
    const state = await examApi.signIn({ examNumber, idNumber, deviceId: deviceId() });
    setView({ kind: 'session', state, sentAt });
  };
  const signedOut = useCallback((refusal: ApiError | null) => setView({ kind: 'signin', refusal }), []);

  switch (view.kind) {
    case 'probe':
      return <Busy />;
    case 'signin':
      return (
        <div className="lt-page">
          <ExamBar />
          <ExamSignIn onSignIn={signIn} refusal={view.refusal} />
        </div>
      );
    case 'offline':
      return (
        <div className="lt-page">
          <ExamBar />
          <main className="lt-center">
            <div className="lt-alert lt-alert-error" role="alert" data-testid="exam-load-failed">
              {t('exam.loadFailed')}{' '}
              <button type="button" className="lt-btn" onClick={() => void probe()}>
                {t('exam.retry')}
              </button>
            </div>
          </main>
        </div>
      );
    case 'session':
      return (
        <Suspense fallback={<Busy />}>
          <ExamSession initial={view.state} sentAt={view.sentAt} onSignedOut={signedOut} />
        </Suspense>
      );
  }
}
