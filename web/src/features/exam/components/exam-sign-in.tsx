import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageButtons } from '@/components/light/language-buttons';
import { ApiError, isApiError } from '@/lib/http';

/** The page's bar outside the paper: title and language. */
export function ExamBar() {
  const { t } = useTranslation();
  return (
    <div className="lt-bar">
      <span className="lt-brand">
        <span className="lt-logo" aria-hidden="true">
          ✓
        </span>
        {t('exam.title')}
      </span>
      <LanguageButtons />
    </div>
  );
}

/** 签到: exam number (准考证号) + ID number; a second device is refused until the invigilator allows it. */
export function ExamSignIn({ onSignIn, refusal }: { onSignIn: (examNumber: string, idNumber: string) => Promise<void>; refusal: ApiError | null }) {
  const { t } = useTranslation();
  const [examNumber, setExamNumber] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(refusal);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (examNumber.trim() === '' || idNumber.trim() === '') {
      setError(new Error(t('exam.signIn.required')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSignIn(examNumber.trim(), idNumber.trim().toUpperCase());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const shown = error ?? refusal;
  const text = isApiError(shown, 'EXAM.OTHER_DEVICE') ? t('exam.otherDevice') : shown instanceof ApiError || shown instanceof Error ? shown.message : null;

  return (
    <main className="lt-center">
      <section className="lt-card" style={{ maxWidth: 420, width: '100%' }}>
        <div className="lt-card-title">{t('exam.signIn.title')}</div>
        <div className="lt-card-body">
          <p className="lt-muted" style={{ marginTop: 0 }}>
            {t('exam.signIn.hint')}
          </p>
          {text ? (
            <div
              className="lt-alert lt-alert-error"
              role="alert"
              data-testid={isApiError(shown, 'EXAM.OTHER_DEVICE') ? 'exam-other-device' : 'exam-signin-error'}
            >
              {text}
            </div>
          ) : null}
          <form onSubmit={(e) => void submit(e)} noValidate>
            <fieldset disabled={busy} style={{ border: 0, padding: 0, margin: 0 }}>
              <div className="lt-field">
                <label htmlFor="exam-number">{t('exam.signIn.examNumber')}</label>
                <input
                  id="exam-number"
                  className="lt-input"
                  inputMode="numeric"
                  autoComplete="off"
                  value={examNumber}
                  onChange={(e) => setExamNumber(e.target.value)}
                  data-testid="exam-signin-number"
                />
              </div>
              <div className="lt-field">
                <label htmlFor="exam-id-number">{t('exam.signIn.idNumber')}</label>
                <input
                  id="exam-id-number"
                  className="lt-input"
                  autoComplete="off"
                  value={idNumber}
                  onChange={(e) => setIdNumber(e.target.value)}
                  data-testid="exam-signin-id"
                />
              </div>
              <button type="submit" className="lt-btn lt-btn-primary lt-btn-block" data-testid="exam-signin-submit">
                {busy ? '…' : t('exam.signIn.submit')}
              </button>
            </fieldset>
          </form>
          <p style={{ marginBottom: 0 }}>
            <Link className="lt-link" to="/login?next=/me">
              {t('exam.signIn.orAccount')}
            </Link>
          </p>
        </div>
      </section>
    </main>
  );
}
