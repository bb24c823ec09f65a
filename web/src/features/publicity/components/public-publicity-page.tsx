import '@/features/publicity/i18n';
import type { PublicitySummary, PublicPublicity } from '@skillcert/shared/api/results';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LightShell } from '@/components/light/light-shell';
import { useLodgeObjection, usePublicPublicities, usePublicPublicity, useTrackObjection } from '@/features/publicity/api/public-publicity';
import { isApiError } from '@/lib/http';

// 公示 — the public publicity pages (no login). Plain HTML (no antd), like the public catalog, so they load fast.

function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return <LightShell loginLabel={t('publicity.login')}>{children}</LightShell>;
}

function Period({ p }: { p: PublicitySummary }) {
  const { t } = useTranslation();
  return (
    <>
      {t('publicity.periodValue', { first: p.firstDay, last: p.lastDay, days: p.workingDays })}
      {p.calendarKnown ? null : <div className="lt-muted">{t('publicity.calendarUnknown')}</div>}
    </>
  );
}

function StateTag({ state }: { state: PublicitySummary['state'] }) {
  const { t } = useTranslation();
  return (
    <span className={`lt-tag lt-tag-${state === 'running' ? 'listed' : 'suspended'}`} data-state={state}>
      {t(`publicity.state.${state}`)}
    </span>
  );
}

/** Look up an objection by its tracking code: status and answer (never the objector's contact). */
function TrackForm() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const track = useTrackObjection();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (code.trim()) track.mutate(code);
  };
  const o = track.data;
  return (
    <section className="lt-card" style={{ marginTop: 16 }}>
      <div className="lt-card-title">{t('publicity.track.title')}</div>
      <div className="lt-card-body">
        <form className="lt-row" onSubmit={submit}>
          <input
            className="lt-input"
            style={{ width: 220 }}
            aria-label={t('publicity.track.code')}
            placeholder={t('publicity.track.code')}
            value={code}
            data-testid="track-code"
            onChange={(e) => setCode(e.target.value)}
          />
          <button type="submit" className="lt-btn lt-btn-primary" data-testid="track-submit">
            {t('publicity.track.submit')}
          </button>
        </form>
        {track.isError ? (
          <div className="lt-alert lt-alert-error" style={{ marginTop: 12 }}>
            {isApiError(track.error, 'NOT_FOUND') ? t('publicity.track.notFound') : track.error.message}
          </div>
        ) : null}
        {o ? (
          <div style={{ marginTop: 12 }} data-testid="track-result">
            <div>
              <strong>{o.planTitle}</strong> {o.examNumber ? <span className="lt-code">{o.examNumber}</span> : null}
            </div>
            <div>
              <span className="lt-tag" data-testid="track-status" data-status={o.status}>
                {t(`publicity.track.status.${o.status}`)}
              </span>
              <span className="lt-muted">
                {t('publicity.track.lodgedAt')} {new Date(o.createdAt).toLocaleString()}
              </span>
            </div>
            <p style={{ whiteSpace: 'pre-wrap' }}>{o.text}</p>
            {o.answer ? (
              <p style={{ whiteSpace: 'pre-wrap' }} data-testid="track-answer">
                <strong>{t('publicity.track.answer')}：</strong>
                {o.answer}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}

/** /public/publicity — results in publicity now (and closed in the last 30 days). */
export function PublicPublicityListPage() {
  const { t } = useTranslation();
  const list = usePublicPublicities();
  const items = list.data?.items ?? [];
  return (
    <Shell>
      <h1 data-testid="publicity-title">{t('publicity.title')}</h1>
      <p className="lt-muted">{t('publicity.subtitle')}</p>
      <section className="lt-card">
        <div className="lt-card-body">
          <div className="lt-table-wrap">
            <table className="lt-table" data-testid="publicity-list">
              <thead>
                <tr>
                  <th>{t('publicity.plan')}</th>
                  <th>{t('publicity.org')}</th>
                  <th>{t('publicity.period')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr key={p.planId}>
                    <td>
                      <Link to={`/public/publicity/${p.planId}`} className="lt-link" data-testid="publicity-link">
                        {p.title}
                      </Link>
                      <div className="lt-muted" style={{ fontSize: 12 }}>
                        {t('publicity.candidates', { count: p.candidates })}
                      </div>
                    </td>
                    <td>{p.orgName}</td>
                    <td>
                      <Period p={p} />
                    </td>
                    <td>
                      <StateTag state={p.state} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {!list.isPending && items.length === 0 ? <div className="lt-empty">{t('publicity.empty')}</div> : null}
            {list.isError ? <div className="lt-alert lt-alert-error">{t('errors.unknown')}</div> : null}
          </div>
        </div>
      </section>
      <TrackForm />
    </Shell>
  );
}

function ObjectionForm({ p }: { p: PublicPublicity }) {
  const { t } = useTranslation();
  const lodge = useLodgeObjection(p.planId);
  const [form, setForm] = useState({ name: '', contact: '', examNumber: '', text: '' });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  if (p.state === 'closed') return <div className="lt-alert lt-alert-warning">{t('publicity.object.closed')}</div>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    lodge.mutate({ name: form.name, contact: form.contact, text: form.text, ...(form.examNumber.trim() ? { examNumber: form.examNumber.trim() } : {}) });
  };
  if (lodge.data)
    return (
      <div className="lt-alert" data-testid="objection-done">
        {t('publicity.object.done')}{' '}
        <strong className="lt-code" data-testid="objection-code">
          {lodge.data.trackingCode}
        </strong>
      </div>
    );
  const field = (k: keyof typeof form, label: string, input: ReactNode) => (
    <div className="lt-field" style={{ marginBottom: 12 }}>
      <label htmlFor={`objection-${k}`}>{label}</label>
      {input}
      {lodge.error && isApiError(lodge.error)
        ? lodge.error.issues
            .filter((i) => i.path.endsWith(`.${k}`))
            .map((i) => (
              <span key={i.message} className="lt-field-error">
                {i.message}
              </span>
            ))
        : null}
    </div>
  );
  return (
    <form onSubmit={submit} data-testid="objection-form">
      <p className="lt-muted">{t('publicity.object.hint')}</p>
      {field(
        'name',
        t('publicity.object.name'),
        <input className="lt-input" required maxLength={50} value={form.name} onChange={set('name')} id="objection-name" data-testid="objection-name" />,
      )}
      {field(
        'contact',
        t('publicity.object.contact'),
        <input
          className="lt-input"
          required
          maxLength={100}
          value={form.contact}
          onChange={set('contact')}
          id="objection-contact"
          data-testid="objection-contact"
        />,
      )}
      {field(
        'examNumber',
        t('publicity.object.examNumber'),
        <input
          className="lt-input"
          maxLength={32}
          value={form.examNumber}
          onChange={set('examNumber')}
          id="objection-examNumber"
          data-testid="objection-exam-number"
        />,
      )}
      {field(
        'text',
        t('publicity.object.text'),
        <textarea
          className="lt-input"
          required
          minLength={5}
          maxLength={2000}
          rows={4}
          value={form.text}
          onChange={set('text')}
          id="objection-text"
          data-testid="objection-text"
        />,
      )}
      {lodge.isError ? <div className="lt-alert lt-alert-error">{lodge.error.message}</div> : null}
      <button type="submit" className="lt-btn lt-btn-primary" disabled={lodge.isPending} data-testid="objection-submit">
        {t('publicity.object.submit')}
      </button>
    </form>
  );
}

/** /public/publicity/:planId — one plan's results with masked names, exam numbers and outcomes; the objection form. */
export function PublicPublicityPage() {
  const { t } = useTranslation();
  const { planId = '' } = useParams();
  const q = usePublicPublicity(planId);
  const p = q.data;
  return (
    <Shell>
      <p>
        <Link to="/public/publicity" className="lt-link">
          ← {t('publicity.back')}
        </Link>
      </p>
      {q.isError ? <div className="lt-alert lt-alert-error">{q.error.message}</div> : null}
      {p ? (
        <>
          <h1 data-testid="publicity-plan-title">{p.title}</h1>
          <p className="lt-muted">
            {p.orgName} · {t('publicity.period')}: <Period p={p} /> <StateTag state={p.state} />
          </p>
          <section className="lt-card">
            <div className="lt-card-body">
              <div className="lt-table-wrap">
                <table className="lt-table" data-testid="publicity-lines">
                  <thead>
                    <tr>
                      <th>{t('publicity.examNumber')}</th>
                      <th>{t('publicity.name')}</th>
                      {(p.lines[0]?.parts ?? []).map((x) => (
                        <th key={x.kind}>{t(`publicity.parts.${x.kind}`)}</th>
                      ))}
                      <th>{t('publicity.outcome')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.lines.map((l) => (
                      <tr key={l.examNumber} data-testid="publicity-line">
                        <td>
                          <span className="lt-code">{l.examNumber}</span>
                        </td>
                        <td data-testid="publicity-name">{l.name}</td>
                        {l.parts.map((x) => (
                          <td key={x.kind}>
                            {x.verdict === 'absent' ? t('publicity.verdicts.absent') : (x.score ?? '—')}
                            {x.substituted ? <span className="lt-muted">{t('publicity.substituted')}</span> : null}
                          </td>
                        ))}
                        <td data-outcome={l.outcome}>{t(`publicity.outcomes.${l.outcome}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </section>
          <section className="lt-card" style={{ marginTop: 16 }}>
            <div className="lt-card-title">{t('publicity.object.title')}</div>
            <div className="lt-card-body">
              <ObjectionForm p={p} />
            </div>
          </section>
          <TrackForm />
        </>
      ) : null}
    </Shell>
  );
}
