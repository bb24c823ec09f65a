import type { PublicCertificate } from '@skillcert/shared/api/certificates';
import { useTranslation } from 'react-i18next';

/** The one-line verdict of a certificate: genuine and valid / revoked / verification failed. */
export function Verdict({ c }: { c: PublicCertificate }) {
  const { t } = useTranslation();
  const kind = c.status === 'revoked' ? 'revoked' : c.genuine ? 'valid' : 'invalid';
  const text = kind === 'revoked' ? t('verify.revoked') : kind === 'valid' ? t('verify.genuineValid') : t('verify.notGenuine');
  return (
    <div className={`vf-verdict vf-${kind}`} data-testid="verify-verdict" data-verdict={kind} role="status">
      {kind === 'valid' ? '✓ ' : '✗ '}
      {text}
    </div>
  );
}

/** The printed fields as the public sees them (name masked, never an ID number). */
export function CertificateFields({ c }: { c: PublicCertificate }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [t('verify.fields.number'), c.number],
    [t('verify.fields.title'), c.title],
    [t('verify.fields.holder'), c.holderName],
    [t('verify.fields.occupation'), c.occupationCode ? `${c.occupationName}（${c.occupationCode}）` : c.occupationName],
    [t('verify.fields.workType'), c.workType],
    [t('verify.fields.level'), c.levelText],
    [t('verify.fields.issuer'), c.issuer.name],
    [t('verify.fields.institutionCode'), c.issuer.institutionCode ?? '--'],
    [t('verify.fields.issuedOn'), c.issuedOn],
    [t('verify.fields.status'), t(`verify.status.${c.status}`)],
  ];
  if (c.revokedAt) rows.push([t('verify.fields.revokedAt'), c.revokedAt.slice(0, 10)]);
  return (
    <dl className="vf-fields" data-testid="certificate-fields">
      {rows.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function CheckList({ checks }: { checks: { name: string; outcome: 'pass' | 'fail' | 'could_not_check' }[] }) {
  const { t } = useTranslation();
  return (
    <ul className="vf-checks" data-testid="verify-checks">
      {checks.map((k) => (
        <li key={k.name} data-check={k.name} data-outcome={k.outcome}>
          <span>{t(`verify.check.${k.name}`, { defaultValue: k.name })}</span>
          <span className={k.outcome === 'pass' ? 'vf-pass' : 'vf-fail'}>{t(`verify.outcome.${k.outcome}`)}</span>
        </li>
      ))}
    </ul>
  );
}
