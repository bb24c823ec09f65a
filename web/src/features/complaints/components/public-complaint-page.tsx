import '@/features/complaints/i18n';
import { COMPLAINT_EVIDENCE_MAX_BYTES, COMPLAINT_EVIDENCE_MAX_FILES, type PublicComplaint } from '@skillcert/shared/api/complaints';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LightShell } from '@/components/light/light-shell';
import { useCatalogSearch, useLodgeComplaint, useTrackComplaint } from '@/features/complaints/api/public-complaints';
import { readFileAsBase64 } from '@/lib/files';
import { isApiError } from '@/lib/http';
import { useDebouncedValue } from '@/lib/use-debounced-value';

// 投诉 — the public complaint form and the tracking page (no login). Plain HTML (no antd), like the other public pages.

function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return <LightShell loginLabel={t('complaints.login')}>{children}</LightShell>;
}

function Tracked({ c }: { c: PublicComplaint }) {
  const { t } = useTranslation();
  return (
    <div style={{ marginTop: 12 }} data-testid="complaint-tracked">
      <p>
        <span className="lt-tag" data-testid="complaint-status" data-status={c.status}>
          {t(`complaints.status.${c.status}`)}
        </span>{' '}
        <span className="lt-code">{c.trackingCode}</span>
      </p>
      <p>
        <strong>{t('complaints.track.institution')}</strong>：{c.institutionName}
      </p>
      <p>
        <strong>{t('complaints.track.matter')}</strong>：{c.matter}
      </p>
      <p className="lt-muted">
        {t('complaints.track.createdAt')}：{c.createdAt.slice(0, 16).replace('T', ' ')}
      </p>
      <p data-testid="complaint-answer">
        <strong>{t('complaints.track.answer')}</strong>：{c.answer ?? <span className="lt-muted">{t('complaints.track.noAnswer')}</span>}
      </p>
    </div>
  );
}

function TrackForm({ initial }: { initial?: string }) {
  const { t } = useTranslation();
  const [code, setCode] = useState(initial ?? '');
  const track = useTrackComplaint();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (code.trim()) track.mutate(code);
  };
  return (
    <section className="lt-card" style={{ marginTop: 16 }}>
      <div className="lt-card-title">{t('complaints.track.title')}</div>
      <div className="lt-card-body">
        <form className="lt-row" onSubmit={submit}>
          <input
            className="lt-input"
            value={code}
            maxLength={20}
            placeholder={t('complaints.track.placeholder')}
            onChange={(e) => setCode(e.target.value)}
            data-testid="complaint-track-code"
          />
          <button type="submit" className="lt-btn lt-btn-primary" data-testid="complaint-track-submit">
            {t('complaints.track.submit')}
          </button>
        </form>
        {track.isError ? (
          <div className="lt-alert lt-alert-error" style={{ marginTop: 12 }}>
            {isApiError(track.error) && track.error.status === 404 ? t('complaints.track.notFound') : track.error.message}
          </div>
        ) : null}
        {track.data ? <Tracked c={track.data} /> : null}
      </div>
    </section>
  );
}

function ComplaintForm() {
  const { t } = useTranslation();
  const lodge = useLodgeComplaint();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search, 300);
  const catalog = useCatalogSearch(q);
  const [institutionId, setInstitutionId] = useState('');
  const [form, setForm] = useState({ matter: '', name: '', contact: '' });
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!institutionId) {
      setFileError(t('complaints.institutionPick'));
      return;
    }
    const evidence = await Promise.all(files.map(async (f) => ({ filename: f.name, contentBase64: await readFileAsBase64(f) })));
    lodge.mutate({ institutionId, ...form, evidence });
  };

  if (lodge.data)
    return (
      <div className="lt-alert" data-testid="complaint-done">
        {t('complaints.done')}{' '}
        <strong className="lt-code" data-testid="complaint-code">
          {lodge.data.trackingCode}
        </strong>
        <div className="lt-muted">{t('complaints.doneHint')}</div>
      </div>
    );

  const issues = isApiError(lodge.error) ? (lodge.error.details?.issues as { path: string; message: string }[] | undefined) : undefined;
  const field = (label: string, htmlFor: string, input: ReactNode, path?: string) => (
    <div className="lt-field" style={{ marginBottom: 12 }}>
      <label htmlFor={htmlFor}>{label}</label>
      {input}
      {issues
        ?.filter((i) => path && i.path === `body.${path}`)
        .map((i) => (
          <span key={i.message} className="lt-field-error">
            {i.message}
          </span>
        ))}
    </div>
  );
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="complaint-form">
      {field(
        t('complaints.institution'),
        'complaint-institution',
        <>
          <input
            className="lt-input"
            value={search}
            placeholder={t('complaints.institutionSearch')}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="complaint-institution-search"
          />
          <select
            className="lt-input"
            style={{ marginTop: 6 }}
            required
            value={institutionId}
            onChange={(e) => setInstitutionId(e.target.value)}
            id="complaint-institution"
            data-testid="complaint-institution"
          >
            <option value="">{t('complaints.institutionPick')}</option>
            {(catalog.data?.items ?? []).map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </>,
        'institutionId',
      )}
      {field(
        t('complaints.matter'),
        'complaint-matter',
        <textarea
          className="lt-input"
          required
          minLength={10}
          maxLength={4000}
          rows={5}
          placeholder={t('complaints.matterHint')}
          value={form.matter}
          onChange={set('matter')}
          id="complaint-matter"
          data-testid="complaint-matter"
        />,
        'matter',
      )}
      {field(
        t('complaints.name'),
        'complaint-name',
        <input className="lt-input" required maxLength={50} value={form.name} onChange={set('name')} id="complaint-name" data-testid="complaint-name" />,
        'name',
      )}
      {field(
        t('complaints.contact'),
        'complaint-contact',
        <input
          className="lt-input"
          required
          minLength={3}
          maxLength={100}
          value={form.contact}
          onChange={set('contact')}
          id="complaint-contact"
          data-testid="complaint-contact"
        />,
        'contact',
      )}
      {field(
        t('complaints.evidence'),
        'complaint-evidence',
        <input
          type="file"
          multiple
          accept="image/jpeg,image/png,application/pdf"
          onChange={(e) => {
            const picked = Array.from(e.target.files ?? []).slice(0, COMPLAINT_EVIDENCE_MAX_FILES);
            const big = picked.find((f) => f.size > COMPLAINT_EVIDENCE_MAX_BYTES);
            setFileError(big ? t('complaints.evidenceTooLarge', { name: big.name }) : null);
            setFiles(big ? [] : picked);
          }}
          id="complaint-evidence"
          data-testid="complaint-evidence"
        />,
      )}
      {fileError ? <div className="lt-alert lt-alert-error">{fileError}</div> : null}
      {lodge.isError ? <div className="lt-alert lt-alert-error">{lodge.error.message}</div> : null}
      <button type="submit" className="lt-btn lt-btn-primary" disabled={lodge.isPending} data-testid="complaint-submit">
        {t('complaints.submit')}
      </button>
    </form>
  );
}

/** /public/complaints — the complaint form and the tracking form. */
export function PublicComplaintPage() {
  const { t } = useTranslation();
  return (
    <Shell>
      <h1>{t('complaints.title')}</h1>
      <p className="lt-muted">{t('complaints.subtitle')}</p>
      <section className="lt-card">
        <div className="lt-card-body">
          <ComplaintForm />
        </div>
      </section>
      <TrackForm />
    </Shell>
  );
}

/** /public/complaints/track/:code? — the tracking form alone (a code in the address is looked up on submit). */
export function PublicComplaintTrackPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  return (
    <Shell>
      <h1>{t('complaints.track.title')}</h1>
      <TrackForm {...(code ? { initial: code } : {})} />
    </Shell>
  );
}
