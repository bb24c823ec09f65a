import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSearchCertificates } from '@/features/certificates/api/search-certificates';
import { useVerifyCredential } from '@/features/certificates/api/verify-credential';
import { CertificateFields, CheckList, Verdict } from '@/features/certificates/components/certificate-fields';
import { PublicShell } from '@/features/certificates/components/public-shell';

/**
 * `/` for someone not logged in: the free public query (R10) — verify by number or by name + ID number, the QR hint,
 * a pasted electronic certificate checked item by item, the catalog of filed institutions and published results,
 * with the staff login one click away.
 */
/** 22 characters: S|Y and 21 digits (the server checks it too; kept here so the page loads no schema library). */
const CERTIFICATE_NUMBER = /^[SY]\d{21}$/;

export function PublicHomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [number, setNumber] = useState('');
  const [numberError, setNumberError] = useState(false);
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [pasted, setPasted] = useState('');
  const [badJson, setBadJson] = useState(false);
  const search = useSearchCertificates();
  const verify = useVerifyCredential();

  const byNumber = (e: FormEvent) => {
    e.preventDefault();
    const n = number.trim().toUpperCase();
    if (!CERTIFICATE_NUMBER.test(n)) return setNumberError(true);
    setNumberError(false);
    void navigate(`/verify/${n}`);
  };
  const byPerson = (e: FormEvent) => {
    e.preventDefault();
    search.mutate({ name: name.trim(), idNumber: idNumber.trim() });
  };
  const checkPasted = (e: FormEvent) => {
    e.preventDefault();
    let json: unknown;
    try {
      json = JSON.parse(pasted);
    } catch {
      return setBadJson(true);
    }
    setBadJson(false);
    verify.mutate(json);
  };

  return (
    <PublicShell>
      <div className="vf-stack">
        <div>
          <h1 data-testid="public-home-title">{t('verify.homeTitle')}</h1>
          <p className="lt-muted">{t('verify.homeSubtitle')}</p>
        </div>
        <section className="lt-card">
          <div className="lt-card-title">{t('verify.byNumber')}</div>
          <form className="lt-card-body lt-row" onSubmit={byNumber}>
            <input
              className="lt-input"
              style={{ flex: 1, minWidth: 220 }}
              aria-label={t('verify.numberLabel')}
              placeholder={t('verify.numberLabel')}
              value={number}
              maxLength={22}
              onChange={(e) => setNumber(e.target.value)}
              data-testid="verify-number-input"
            />
            <button type="submit" className="lt-btn lt-btn-primary" data-testid="verify-number-submit">
              {t('verify.search')}
            </button>
            {numberError ? <div className="lt-field-error">{t('verify.numberBad')}</div> : null}
          </form>
          <div className="lt-card-body lt-muted" style={{ paddingTop: 0 }}>
            {t('verify.qrHint')}
          </div>
        </section>
        <section className="lt-card">
          <div className="lt-card-title">{t('verify.byPerson')}</div>
          <form className="lt-card-body lt-row" onSubmit={byPerson}>
            <input
              className="lt-input"
              aria-label={t('verify.name')}
              placeholder={t('verify.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={50}
            />
            <input
              className="lt-input"
              aria-label={t('verify.idNumber')}
              placeholder={t('verify.idNumber')}
              value={idNumber}
              onChange={(e) => setIdNumber(e.target.value)}
              maxLength={30}
              autoComplete="off"
            />
            <button type="submit" className="lt-btn lt-btn-primary" disabled={!name.trim() || !idNumber.trim() || search.isPending}>
              {t('verify.search')}
            </button>
          </form>
          <div className="lt-card-body vf-stack" data-testid="search-results">
            {search.isError ? <div className="lt-alert lt-alert-error">{search.error.message}</div> : null}
            {search.data && search.data.items.length === 0 ? <div className="lt-muted">{t('verify.noResult')}</div> : null}
            {search.data?.items.map((c) => (
              <div key={c.number}>
                <Verdict c={c} />
                <CertificateFields c={c} />
                <Link className="lt-link" to={`/verify/${c.number}`}>
                  {c.number}
                </Link>
              </div>
            ))}
          </div>
        </section>
        <section className="lt-card">
          <div className="lt-card-title">{t('verify.pasteTitle')}</div>
          <form className="lt-card-body vf-stack" onSubmit={checkPasted}>
            <div className="lt-muted">{t('verify.pasteHint')}</div>
            <textarea
              className="lt-input vf-textarea"
              value={pasted}
              onChange={(e) => setPasted(e.target.value)}
              data-testid="paste-credential"
              aria-label={t('verify.pasteTitle')}
            />
            <button type="submit" className="lt-btn lt-btn-primary" disabled={!pasted.trim() || verify.isPending} data-testid="paste-check">
              {t('verify.pasteCheck')}
            </button>
            {badJson ? <div className="lt-field-error">{t('verify.pasteBadJson')}</div> : null}
            {verify.isError ? <div className="lt-alert lt-alert-error">{verify.error.message}</div> : null}
            {verify.data ? (
              <div data-testid="paste-result" data-valid={String(verify.data.valid)}>
                <div className={`vf-verdict ${verify.data.valid ? 'vf-valid' : 'vf-invalid'}`} role="status">
                  {verify.data.valid ? `✓ ${t('verify.pasteValid')}` : `✗ ${t('verify.pasteInvalid')}`}
                </div>
                <CheckList checks={verify.data.checks.map((k) => ({ name: k.check, outcome: k.outcome }))} />
              </div>
            ) : null}
          </form>
        </section>
        <nav className="lt-row">
          <Link className="lt-btn" to="/public/institutions" data-testid="home-catalog-link">
            {t('verify.catalog')}
          </Link>
          <Link className="lt-btn" to="/public/publicity">
            {t('verify.publicity')}
          </Link>
          <Link className="lt-btn" to="/public/complaints" data-testid="home-complaints-link">
            {t('verify.complaints')}
          </Link>
          <Link className="lt-btn" to="/login">
            {t('verify.staffLogin')}
          </Link>
        </nav>
      </div>
    </PublicShell>
  );
}
