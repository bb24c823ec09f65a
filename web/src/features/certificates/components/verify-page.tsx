import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePublicCertificate } from '@/features/certificates/api/get-public-certificate';
import { CertificateFields, CheckList, Verdict } from '@/features/certificates/components/certificate-fields';
import { PublicShell } from '@/features/certificates/components/public-shell';
import { isApiError } from '@/lib/http';

/**
 * /verify/:number — what the certificate's QR code opens. Phone first: one line saying whether it is genuine and
 * valid (or revoked, or unknown), the fields, the checks, the issuer's catalog entry, a share link. No antd.
 */
export function VerifyPage() {
  const { t } = useTranslation();
  const { number = '' } = useParams();
  const q = usePublicCertificate(number);
  const [copied, setCopied] = useState(false);
  const c = q.status === 'success' ? q.data : null;
  const share = () => {
    void navigator.clipboard?.writeText(window.location.href).then(() => setCopied(true));
  };
  return (
    <PublicShell>
      <div className="vf-stack">
        {q.status === 'pending' ? <div className="lt-muted">…</div> : null}
        {q.status === 'error' ? (
          <div className="lt-alert lt-alert-error" data-testid="verify-error">
            {isApiError(q.error) && q.error.status === 429 ? t('verify.throttled') : q.error.message}
          </div>
        ) : null}
        {q.status === 'success' && !c ? (
          <div className="vf-verdict vf-unknown" data-testid="verify-verdict" data-verdict="not_found" role="status">
            {t('verify.notFound')}：<span className="lt-code">{number}</span>
          </div>
        ) : null}
        {c ? (
          <>
            <Verdict c={c} />
            <section className="lt-card">
              <div className="lt-card-body">
                <CertificateFields c={c} />
              </div>
            </section>
            <section className="lt-card">
              <div className="lt-card-title">{t('verify.checks')}</div>
              <div className="lt-card-body">
                <CheckList checks={c.checks} />
              </div>
            </section>
            {c.catalog ? (
              <section className="lt-card" data-testid="verify-catalog">
                <div className="lt-card-title">{t('verify.catalogEntry')}</div>
                <div className="lt-card-body">
                  <dl className="vf-fields">
                    <dt>{t('verify.fields.issuer')}</dt>
                    <dd>{c.catalog.name}</dd>
                    <dt>{t('verify.fields.institutionCode')}</dt>
                    <dd>{c.catalog.code}</dd>
                    <dt>{t('verify.catalogStatus')}</dt>
                    <dd>{c.catalog.status}</dd>
                    <dt>{t('verify.validTo')}</dt>
                    <dd>{c.catalog.validTo}</dd>
                  </dl>
                  <Link className="lt-link" to={`/public/institutions?q=${encodeURIComponent(c.catalog.code)}`}>
                    {t('verify.catalog')}
                  </Link>
                </div>
              </section>
            ) : null}
            <div className="lt-row">
              <button type="button" className="lt-btn lt-btn-primary" onClick={share} data-testid="verify-share">
                {copied ? t('verify.copied') : t('verify.share')}
              </button>
              {c.credentialUrl ? (
                <a className="lt-btn" href={`/api/public/certificates/${c.number}/credential`} data-testid="verify-credential-link">
                  {t('verify.credential')}
                </a>
              ) : null}
            </div>
          </>
        ) : null}
        <Link className="lt-link" to="/">
          {t('verify.back')}
        </Link>
      </div>
    </PublicShell>
  );
}
