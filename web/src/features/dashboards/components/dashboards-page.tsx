import type { Dashboard, SchoolCoverage } from '@skillcert/shared/api/statistics';
import { Alert, Button, Col, DatePicker, Flex, Input, Row, Select, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { type HTMLAttributes, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { LoadErrorResult } from '@/components/status-result';
import { useMe } from '@/features/auth/api/get-me';
import { exportPath, type StatFilterValues, toQuery, useStatistics } from '@/features/dashboards/api/get-statistics';
import { StatChart } from '@/features/dashboards/components/stat-chart';
import { useWorkload, WORKLOAD_EXPORT_PATH } from '@/features/supervision/api/get-workload';
import { can } from '@/lib/authorization';

const TABS = ['certificates', 'pass-rates', 'subsidies', 'coverage', 'filing-coverage', 'one-plus-x', 'talent', 'workload'] as const;
type Tab = (typeof TABS)[number];
const LEVELS = [5, 4, 3, 2, 1] as const;

const xl = (d: Dashboard, f: StatFilterValues) => ({ path: exportPath(d), query: toQuery(f) });
const pct = (v: number) => `${(Math.round(v * 1000) / 10).toFixed(1)}%`;

/** The filter bar: period (months), region code, occupation code, level; applied together. */
function Filters({ value, onChange }: { value: StatFilterValues; onChange: (f: StatFilterValues) => void }) {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(value.from && value.to ? [dayjs(`${value.from}-01`), dayjs(`${value.to}-01`)] : null);
  const [region, setRegion] = useState(value.region ?? '');
  const [occupation, setOccupation] = useState(value.occupation ?? '');
  const [level, setLevel] = useState<number | undefined>(value.level);
  const [orgId, setOrgId] = useState<string | undefined>(value.orgId);
  // The schools of the reader's scope (a school: itself), from the coverage figures.
  const schools = useStatistics('coverage', {});
  const apply = () =>
    onChange({
      from: range?.[0]?.format('YYYY-MM'),
      to: range?.[1]?.format('YYYY-MM'),
      region: region.trim() || undefined,
      occupation: occupation.trim() || undefined,
      level,
      orgId,
    });
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="dashboards-filters">
      <DatePicker.RangePicker
        picker="month"
        value={range}
        onChange={(v) => setRange(v)}
        placeholder={[t('dashboards.from'), t('dashboards.to')]}
        data-testid="dashboards-period"
      />
      <Input
        style={{ width: 160 }}
        value={region}
        maxLength={6}
        onChange={(e) => setRegion(e.target.value)}
        placeholder={t('dashboards.region')}
        data-testid="dashboards-region"
      />
      <Input
        style={{ width: 180 }}
        value={occupation}
        maxLength={32}
        onChange={(e) => setOccupation(e.target.value)}
        placeholder={t('dashboards.occupation')}
        data-testid="dashboards-occupation"
      />
      <Select
        style={{ width: 170 }}
        allowClear
        value={level}
        onChange={setLevel}
        placeholder={t('dashboards.level')}
        options={LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
        data-testid="dashboards-level"
      />
      <Select
        style={{ width: 260 }}
        allowClear
        showSearch
        optionFilterProp="label"
        value={orgId}
        onChange={setOrgId}
        placeholder={t('dashboards.school')}
        options={(schools.data?.schools ?? []).map((x) => ({ value: x.orgId, label: x.name }))}
        data-testid="dashboards-school"
      />
      <Button type="primary" onClick={apply} data-testid="dashboards-apply">
        {t('dashboards.apply')}
      </Button>
    </Flex>
  );
}

function Loading<T>({
  q,
  children,
}: {
  q: { data?: T | undefined; isError: boolean; error: Error | null; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  if (q.isError && q.error && !q.data) return <LoadErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  return q.data ? children(q.data) : <Typography.Text type="secondary">…</Typography.Text>;
}

function levelName(t: TFunction, level: number | null): string {
  return level && level >= 1 && level <= 5 ? t(`levels.${level as 1 | 2 | 3 | 4 | 5}`) : t('dashboards.noLevel');
}

function CertificatesTab({ f }: { f: StatFilterValues }) {
  const { t } = useTranslation();
  const q = useStatistics('certificates', f);
  const d: Dashboard = 'certificates';
  return (
    <Loading q={q}>
      {(s) => (
        <>
          <Row gutter={16} style={{ marginBottom: 12 }}>
            <Col>
              <Statistic title={t('dashboards.validCertificates')} value={s.total} data-testid="certificates-total" />
            </Col>
            <Col>
              <Statistic title={t('dashboards.revoked')} value={s.revoked} />
            </Col>
            <Col>
              <Statistic title={t('dashboards.period')} value={`${s.from} – ${s.to}`} />
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <StatChart
                id="chart-by-month"
                title={t('dashboards.byMonth')}
                categories={s.byMonth.map((m) => m.month)}
                series={[{ name: t('dashboards.count'), data: s.byMonth.map((m) => m.count), type: 'line' }]}
                xlsx={xl(d, f)}
              />
            </Col>
            <Col xs={24} xl={12}>
              <StatChart
                id="chart-by-occupation"
                title={t('dashboards.byOccupation')}
                categories={s.byOccupation.map((o) => o.name)}
                series={[{ name: t('dashboards.count'), data: s.byOccupation.map((o) => o.count) }]}
                xlsx={xl(d, f)}
              />
            </Col>
            <Col xs={24} xl={12}>
              <StatChart
                id="chart-by-level"
                title={t('dashboards.byLevel')}
                categories={s.byLevel.map((l) => levelName(t, l.level))}
                series={[{ name: t('dashboards.count'), data: s.byLevel.map((l) => l.count) }]}
                xlsx={xl(d, f)}
              />
            </Col>
            <Col xs={24} xl={12}>
              <StatChart
                id="chart-by-institution"
                title={t('dashboards.byInstitution')}
                categories={s.byInstitution.map((i) => i.name)}
                series={[{ name: t('dashboards.count'), data: s.byInstitution.map((i) => i.count) }]}
                xlsx={xl(d, f)}
              />
            </Col>
          </Row>
        </>
      )}
    </Loading>
  );
}

function PassRatesTab({ f }: { f: StatFilterValues }) {
  const { t } = useTranslation();
  const q = useStatistics('pass-rates', f);
  const d: Dashboard = 'pass-rates';
  return (
    <Loading q={q}>
      {(s) => (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <StatChart
              id="chart-pass-by-part"
              title={t('dashboards.passByPart')}
              percent
              categories={s.byPart.map((p) => t(`dashboards.parts.${p.part as 'theory'}`, { defaultValue: p.part }))}
              series={[{ name: t('dashboards.passRate'), data: s.byPart.map((p) => p.rate) }]}
              xlsx={xl(d, f)}
            />
          </Col>
          <Col xs={24} xl={12}>
            <StatChart
              id="chart-pass-by-occupation"
              title={t('dashboards.passByOccupation')}
              percent
              categories={s.byOccupation.map((o) => o.name)}
              series={[{ name: t('dashboards.passRate'), data: s.byOccupation.map((o) => o.rate) }]}
              xlsx={xl(d, f)}
            />
          </Col>
          <Col xs={24} xl={12}>
            <StatChart
              id="chart-pass-by-level"
              title={t('dashboards.passByLevel')}
              percent
              categories={s.byLevel.map((l) => levelName(t, l.level))}
              series={[{ name: t('dashboards.passRate'), data: s.byLevel.map((l) => l.rate) }]}
              xlsx={xl(d, f)}
            />
          </Col>
        </Row>
      )}
    </Loading>
  );
}

function SubsidiesTab({ f }: { f: StatFilterValues }) {
  const { t } = useTranslation();
  const q = useStatistics('subsidies', f);
  const d: Dashboard = 'subsidies';
  return (
    <Loading q={q}>
      {(s) => (
        <>
          <Row gutter={16} style={{ marginBottom: 12 }}>
            <Col>
              <Statistic title={t('dashboards.paidAmount')} value={s.amount} suffix={t('dashboards.yuan')} />
            </Col>
            <Col>
              <Statistic title={t('dashboards.paidClaims')} value={s.count} />
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <StatChart
                id="chart-subsidy-by-month"
                title={t('dashboards.byMonth')}
                categories={s.byMonth.map((m) => m.month)}
                series={[{ name: t('dashboards.paidAmount'), data: s.byMonth.map((m) => m.amount), type: 'line' }]}
                xlsx={xl(d, f)}
              />
            </Col>
            <Col xs={24} xl={12}>
              <StatChart
                id="chart-subsidy-by-region"
                title={t('dashboards.byRegion')}
                categories={s.byRegion.map((r) => r.regionName || r.regionCode)}
                series={[{ name: t('dashboards.paidAmount'), data: s.byRegion.map((r) => r.amount) }]}
                xlsx={xl(d, f)}
              />
            </Col>
            <Col xs={24} xl={12}>
              <StatChart
                id="chart-subsidy-by-level"
                title={t('dashboards.byLevel')}
                categories={s.byLevel.map((l) => levelName(t, l.level))}
                series={[{ name: t('dashboards.paidAmount'), data: s.byLevel.map((l) => l.amount) }]}
                xlsx={xl(d, f)}
              />
            </Col>
          </Row>
        </>
      )}
    </Loading>
  );
}

function CoverageTab({ f }: { f: StatFilterValues }) {
  const { t } = useTranslation();
  const q = useStatistics('coverage', f);
  const d: Dashboard = 'coverage';
  return (
    <Loading q={q}>
      {(s) => (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('dashboards.coverageHelp')} />
          <StatChart
            id="chart-coverage"
            title={t('dashboards.coverageBySchool')}
            percent
            target={s.schools[0] ? { value: s.schools[0].target, label: t('dashboards.target') } : undefined}
            categories={s.schools.map((x) => x.name)}
            series={[{ name: t('dashboards.share'), data: s.schools.map((x) => x.share) }]}
            xlsx={xl(d, f)}
          />
          <Table<SchoolCoverage>
            size="small"
            style={{ marginTop: 12 }}
            rowKey="orgId"
            dataSource={s.schools}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="coverage-table"
            onRow={(r) => ({ 'data-testid': 'coverage-row', 'data-org-id': r.orgId }) as HTMLAttributes<HTMLElement>}
            columns={[
              { key: 'name', title: t('dashboards.school'), render: (_, r) => r.name },
              { key: 'majors', title: t('dashboards.majors'), align: 'right', render: (_, r) => r.majors },
              { key: 'byScope', title: t('dashboards.coveredByScope'), align: 'right', render: (_, r) => r.coveredByScope },
              { key: 'byExternal', title: t('dashboards.coveredByExternal'), align: 'right', render: (_, r) => r.coveredByExternal },
              { key: 'covered', title: t('dashboards.covered'), align: 'right', render: (_, r) => <span data-testid="coverage-covered">{r.covered}</span> },
              { key: 'share', title: t('dashboards.share'), align: 'right', render: (_, r) => <span data-testid="coverage-share">{pct(r.share)}</span> },
              { key: 'target', title: t('dashboards.target'), align: 'right', render: (_, r) => pct(r.target) },
              {
                key: 'meets',
                title: '',
                render: (_, r) => (r.meets ? <Tag color="green">{t('dashboards.meets')}</Tag> : <Tag color="orange">{t('dashboards.below')}</Tag>),
              },
            ]}
            expandable={{
              expandedRowRender: (r) => (
                <Flex gap={6} wrap>
                  {r.detail.map((m) => (
                    <Tag key={m.code} color={m.byScope || m.byExternal ? 'blue' : undefined}>
                      {m.code} {m.name}
                      {m.byScope ? ` · ${t('dashboards.coveredByScope')}` : ''}
                      {m.byExternal ? ` · ${t('dashboards.coveredByExternal')}` : ''}
                    </Tag>
                  ))}
                </Flex>
              ),
            }}
          />
        </>
      )}
    </Loading>
  );
}

function FilingCoverageTab({ f }: { f: StatFilterValues }) {
  const { t } = useTranslation();
  const q = useStatistics('filing-coverage', f);
  const d: Dashboard = 'filing-coverage';
  return (
    <Loading q={q}>
      {(s) => (
        <>
          <Row gutter={16} style={{ marginBottom: 12 }}>
            <Col>
              <Statistic title={t('dashboards.filedSchools')} value={`${s.filed} / ${s.schools}`} />
            </Col>
            <Col>
              <Statistic title={t('dashboards.share')} value={pct(s.share)} data-testid="filing-share" />
            </Col>
            <Col>
              <Statistic
                title={t('dashboards.target')}
                value={s.target ? t('dashboards.filingTarget', { share: pct(s.target.share), by: s.target.by }) : t('dashboards.noTarget')}
              />
            </Col>
          </Row>
          <StatChart
            id="chart-filing"
            title={t('dashboards.filingByRegion')}
            percent
            target={s.target ? { value: s.target.share, label: t('dashboards.target') } : undefined}
            categories={s.byRegion.map((r) => r.regionName)}
            series={[{ name: t('dashboards.share'), data: s.byRegion.map((r) => r.share) }]}
            xlsx={xl(d, f)}
          />
          {s.unfiled.length ? (
            <Typography.Paragraph style={{ marginTop: 12 }} type="secondary">
              {t('dashboards.unfiled')}：{s.unfiled.map((u) => u.name).join('、')}
            </Typography.Paragraph>
          ) : null}
        </>
      )}
    </Loading>
  );
}

function OnePlusXTab({ f }: { f: StatFilterValues }) {
  const { t } = useTranslation();
  const q = useStatistics('one-plus-x', f);
  return (
    <Loading q={q}>
      {(s) => (
        <StatChart
          id="chart-one-plus-x"
          title={t('dashboards.onePlusXTitle', { total: s.total })}
          categories={s.rows.map((r) => t(`dashboards.kinds.${r.kind}`))}
          series={[
            { name: t('dashboards.ours'), data: s.rows.map((r) => r.ours) },
            { name: t('dashboards.external'), data: s.rows.map((r) => r.external) },
          ]}
          xlsx={xl('one-plus-x', f)}
        />
      )}
    </Loading>
  );
}

function TalentTab({ f }: { f: StatFilterValues }) {
  const { t } = useTranslation();
  const q = useStatistics('talent', f);
  return (
    <Loading q={q}>
      {(s) => {
        const regions = [...new Map(s.rows.map((r) => [r.regionCode, r.regionName])).entries()];
        const levels = [...new Set(s.rows.map((r) => r.level))].sort((a, b) => b - a);
        return (
          <StatChart
            id="chart-talent"
            title={t('dashboards.talentTitle', { holders: s.holders })}
            categories={regions.map(([, name]) => name)}
            series={levels.map((l) => ({
              name: levelName(t, l),
              data: regions.map(([code]) => s.rows.find((r) => r.regionCode === code && r.level === l)?.holders ?? 0),
            }))}
            xlsx={xl('talent', f)}
          />
        );
      }}
    </Loading>
  );
}

/** R15: the supervision module's workload figures (the same computation as its page), as a chart. */
function WorkloadTab() {
  const { t } = useTranslation();
  const q = useWorkload(undefined);
  return (
    <Loading q={q}>
      {(s) => (
        <>
          <Typography.Paragraph type="secondary">{s.label}</Typography.Paragraph>
          <StatChartWorkload rows={s.rows} title={t('dashboards.workloadTitle')} hours={t('dashboards.hours')} candidates={t('dashboards.candidatesMarked')} />
        </>
      )}
    </Loading>
  );
}

function StatChartWorkload({
  rows,
  title,
  hours,
  candidates,
}: {
  rows: { name: string; certificateNo: string; hours: number; candidatesMarked: number }[];
  title: string;
  hours: string;
  candidates: string;
}) {
  return (
    <StatChart
      id="chart-workload"
      title={title}
      categories={rows.map((r) => r.name || r.certificateNo)}
      series={[
        { name: hours, data: rows.map((r) => r.hours) },
        { name: candidates, data: rows.map((r) => r.candidatesMarked) },
      ]}
      xlsx={{ path: WORKLOAD_EXPORT_PATH }}
    />
  );
}

/** 统计看板: every dashboard the reader's role and region allow, filterable, each chart exportable (PNG, Excel). */
export function DashboardsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useState<StatFilterValues>({});
  const tabs = TABS.filter((k) => k !== 'workload' || can(me, 'workload.read'));
  const active = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'certificates';
  const body: Record<Tab, () => ReactNode> = {
    certificates: () => <CertificatesTab f={filters} />,
    'pass-rates': () => <PassRatesTab f={filters} />,
    subsidies: () => <SubsidiesTab f={filters} />,
    coverage: () => <CoverageTab f={filters} />,
    'filing-coverage': () => <FilingCoverageTab f={filters} />,
    'one-plus-x': () => <OnePlusXTab f={filters} />,
    talent: () => <TalentTab f={filters} />,
    workload: () => <WorkloadTab />,
  };
  return (
    <>
      <PageHeader title={t('dashboards.title')} subtitle={t('dashboards.subtitle')} />
      <Filters value={filters} onChange={setFilters} />
      <Tabs
        activeKey={active}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={tabs.map((k) => ({
          key: k,
          label: <span data-testid={`dashboards-tab-${k}`}>{t(`dashboards.tabs.${k}`)}</span>,
          children: active === k ? body[k]() : null,
        }))}
      />
    </>
  );
}
