import type { PublicInstitution } from '@skillcert/shared/api/institutions';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LightShell } from '@/components/light/light-shell';
import { scopeLineText } from '@/features/filings/components/scope-line-text';
import { usePublicInstitutions } from '@/features/institutions/api/get-public-institutions';
import { useRegions } from '@/features/regions/api/get-regions';
import { useListParams } from '@/lib/search-params';

const FILTER_KEYS = ['q', 'region', 'occupation'] as const;
const PAGE_SIZE = 20;

/** Province and city pickers (GB/T 2260 codes; a city code narrows the province). */
function RegionSelects({ value, onChange }: { value?: string; onChange: (code: string | undefined) => void }) {
  const { t } = useTranslation();
  const province = value ? `${value.slice(0, 2)}0000` : '';
  const provinces = useRegions({});
  const cities = useRegions({ parent: province }, { enabled: province !== '' });
  return (
    <span className="lt-row" data-testid="public-region">
      <select
        className="lt-input"
        style={{ width: 150 }}
        aria-label={t('usability.province')}
        value={province}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">{t('usability.allProvinces')}</option>
        {(provinces.data ?? []).map((r) => (
          <option key={r.code} value={r.code}>
            {r.name}
          </option>
        ))}
      </select>
      <select
        className="lt-input"
        style={{ width: 150 }}
        aria-label={t('usability.city')}
        value={value && value !== province ? value : ''}
        disabled={province === ''}
        onChange={(e) => onChange(e.target.value || province || undefined)}
      >
        <option value="">{t('usability.allCities')}</option>
        {(cities.data ?? []).map((r) => (
          <option key={r.code} value={r.code}>
            {r.name}
          </option>
        ))}
      </select>
    </span>
  );
}

function Row({ i }: { i: PublicInstitution }) {
  const { t } = useTranslation();
  return (
    <tr>
      <td>
        <div data-testid="institution-name">{i.name}</div>
        <div className="lt-muted" style={{ fontSize: 12 }}>
          {t(`filingKinds.${i.kind}`)}
        </div>
      </td>
      <td>{i.regionName}</td>
      <td>
        <span className="lt-code">{i.code}</span>
      </td>
      <td>
        <span className="lt-code" data-testid="institution-prefix">
          {i.certificatePrefix}
        </span>
      </td>
      <td>
        {i.scope.length === 0
          ? t('common.none')
          : i.scope.map((s, n) => (
              <span key={n} className="lt-tag" data-testid="institution-scope-tag">
                {scopeLineText(s, t)}
              </span>
            ))}
      </td>
      <td style={{ whiteSpace: 'nowrap' }}>{t('institutions.validity', { from: i.validFrom, to: i.validTo })}</td>
      <td>
        <span className={`lt-tag lt-tag-${i.status}`} data-status={i.status}>
          {t(`institutionStatus.${i.status}`)}
        </span>
      </td>
    </tr>
  );
}

/**
 * The free public catalog of filed institutions — no login. Plain HTML (no antd) so it loads fast for the public;
 * filters and page live in the URL like every list.
 */
export function PublicCatalogPage() {
  const { t } = useTranslation();
  const { values, page, setFilters, setPage, reset } = useListParams(FILTER_KEYS, PAGE_SIZE);
  const list = usePublicInstitutions({ ...values, page, pageSize: PAGE_SIZE });
  const [q, setQ] = useState(values.q ?? '');
  const [occupation, setOccupation] = useState(values.occupation ?? '');
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const items = list.data?.items ?? [];

  const search = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ q: q.trim() || undefined, occupation: occupation.trim() || undefined });
  };

  return (
    <LightShell loginLabel={t('publicCatalog.login')} loginTestId="public-login-link">
      <h1 data-testid="public-catalog-title">{t('publicCatalog.title')}</h1>
      <p className="lt-muted">{t('publicCatalog.subtitle')}</p>
      <section className="lt-card">
        <div className="lt-card-body">
          <form className="lt-row" style={{ marginBottom: 16 }} onSubmit={search}>
            <span data-testid="public-search">
              <input
                type="search"
                className="lt-input"
                style={{ width: 280 }}
                aria-label={t('institutions.filters.search')}
                placeholder={t('institutions.filters.search')}
                value={q}
                onChange={(e) => setQ(e.target.value)}
              />
            </span>
            <RegionSelects value={values.region} onChange={(region) => setFilters({ region })} />
            <span data-testid="public-occupation">
              <input
                type="search"
                className="lt-input"
                style={{ width: 220 }}
                aria-label={t('institutions.filters.occupation')}
                placeholder={t('institutions.filters.occupation')}
                value={occupation}
                onChange={(e) => setOccupation(e.target.value)}
              />
            </span>
            <button type="submit" className="lt-btn lt-btn-primary">
              {t('common.search')}
            </button>
            <button
              type="button"
              className="lt-btn"
              onClick={() => {
                setQ('');
                setOccupation('');
                reset();
              }}
            >
              {t('common.reset')}
            </button>
          </form>
          <div className={`lt-table-wrap${list.isFetching ? ' lt-busy' : ''}`} aria-busy={list.isFetching}>
            <table className="lt-table" data-testid="public-institutions-table">
              <thead>
                <tr>
                  <th>{t('institutions.fields.name')}</th>
                  <th>{t('institutions.fields.region')}</th>
                  <th>{t('institutions.fields.code')}</th>
                  <th>{t('institutions.fields.certificatePrefix')}</th>
                  <th>{t('institutions.fields.scope')}</th>
                  <th>{t('institutions.fields.validity')}</th>
                  <th>{t('institutions.fields.status')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <Row key={i.id} i={i} />
                ))}
              </tbody>
            </table>
            {!list.isPending && items.length === 0 ? <div className="lt-empty">{t('publicCatalog.empty')}</div> : null}
            {list.isError ? <div className="lt-alert lt-alert-error">{t('errors.unknown')}</div> : null}
          </div>
          <nav className="lt-pager" aria-label={t('usability.pages')}>
            <span className="lt-muted">{t('common.total', { total })}</span>
            <button type="button" className="lt-btn" disabled={page <= 1} onClick={() => setPage(page - 1, PAGE_SIZE)}>
              {t('usability.previousPage')}
            </button>
            <span>{t('usability.pageOf', { page, pages })}</span>
            <button type="button" className="lt-btn" disabled={page >= pages} onClick={() => setPage(page + 1, PAGE_SIZE)}>
              {t('usability.nextPage')}
            </button>
          </nav>
        </div>
      </section>
    </LightShell>
  );
}
