import type { FilingStepActor, PolicyProfile } from '@skillcert/shared/api/policies';
import { SCHOOL_TYPES, SKILL_LEVELS, type SchoolType, type SkillLevel } from '@skillcert/shared/domain';
import { Flex, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { plainValue } from '@/features/filings/components/eligibility';
import { appZhCN } from '@/locales/app.zh-CN';

/** The rule fields of a profile (everything but its identity), in the order the profile declares them. */
export type PolicyField = Exclude<keyof PolicyProfile, 'id' | 'name' | 'nameEn' | 'province' | 'version' | 'effectiveFrom' | 'seeds' | 'clauses'>;

export function isPolicyField(field: string): field is PolicyField {
  return Object.hasOwn(appZhCN.policies.labels, field);
}

/** A field's label in words (applicants → 可申请备案的学校（R1）); unknown fields as named. */
export function policyFieldLabel(field: string, t: TFunction): string {
  return isPolicyField(field) ? t(`policies.labels.${field}`) : field;
}

const isLevel = (v: unknown): v is SkillLevel => typeof v === 'number' && (SKILL_LEVELS as readonly number[]).includes(v);
const isSchoolType = (v: unknown): v is SchoolType => typeof v === 'string' && (SCHOOL_TYPES as readonly string[]).includes(v);
const num = (v: unknown) => (typeof v === 'number' ? v : Number.NaN);

function levelsText(levels: unknown, t: TFunction): string {
  if (!Array.isArray(levels) || levels.length === 0) return t('common.none');
  return levels.map((l) => (isLevel(l) ? t(`levelsShort.${l}`) : String(l))).join(t('common.listSeparator'));
}

function actorText(a: FilingStepActor | null | undefined, t: TFunction): string {
  if (!a) return t('policies.values.skipped');
  return t('policies.values.actor', {
    level: a.level === 'province' ? t('policies.values.levelProvince') : t('policies.values.levelCity'),
    bureau: t(`orgKinds.${a.bureau}`),
  });
}

function Lines({ lines }: { lines: ReactNode[] }) {
  return (
    <Flex vertical gap={2}>
      {lines.map((l, i) => (
        <span key={i}>{l}</span>
      ))}
    </Flex>
  );
}

/** A profile value rendered readably for its field: levels and school types in words, the filing path step by step, units. */
export function PolicyValue({ field, value }: { field: string; value: unknown }) {
  const { t } = useTranslation();
  const v = value as Record<string, unknown>;
  switch (field) {
    case 'applicants': {
      const types = Array.isArray(v?.schoolTypes) ? v.schoolTypes.filter(isSchoolType).map((s) => t(`schoolTypes.${s}`)) : [];
      return (
        <Lines
          lines={[
            t('policies.values.schoolTypes', { types: types.join(t('common.listSeparator')) }),
            v?.secondaryNeedsThroughPrograms ? t('policies.values.throughRequired') : t('policies.values.throughNotRequired'),
          ]}
        />
      );
    }
    case 'levelCaps':
      return (
        <Lines
          lines={Object.entries(v ?? {}).map(([type, levels]) =>
            t('common.labelValue', { label: isSchoolType(type) ? t(`schoolTypes.${type}`) : type, value: levelsText(levels, t) }),
          )}
        />
      );
    case 'inSchoolMaxLevel':
      return <>{isLevel(value) ? t(`levels.${value}`) : plainValue(value, t)}</>;
    case 'candidates':
      return <>{value === 'graduating_year' || value === 'enrolled' ? t(`policies.values.${value}`) : plainValue(value, t)}</>;
    case 'filingPath': {
      const p = value as {
        receive?: FilingStepActor;
        eduReview?: FilingStepActor | null;
        techAssessment?: FilingStepActor[];
        report?: FilingStepActor;
        list?: FilingStepActor;
        reportedTo?: string;
      };
      return (
        <Lines
          lines={[
            t('common.labelValue', { label: t('policies.values.receive'), value: actorText(p.receive, t) }),
            t('common.labelValue', { label: t('policies.values.eduReview'), value: actorText(p.eduReview, t) }),
            t('common.labelValue', {
              label: t('policies.values.techAssessment'),
              value: (p.techAssessment ?? []).map((a) => actorText(a, t)).join(t('common.listSeparator')) || t('policies.values.skipped'),
            }),
            t('common.labelValue', { label: t('policies.values.report'), value: actorText(p.report, t) }),
            t('common.labelValue', { label: t('policies.values.list'), value: actorText(p.list, t) }),
            t('common.labelValue', {
              label: t('policies.values.reportedTo'),
              value: p.reportedTo === 'mohrss' || p.reportedTo === 'province' ? t(`policies.values.${p.reportedTo}`) : plainValue(p.reportedTo, t),
            }),
          ]}
        />
      );
    }
    case 'filingValidityYears':
      return <>{t('policies.values.years', { n: num(value) })}</>;
    case 'techAssessmentPassScore':
    case 'passMark':
      return <>{t('policies.values.score', { n: num(value) })}</>;
    case 'planLeadDays':
      return <>{t('policies.values.calendarDays', { n: num(value) })}</>;
    case 'candidateSources': {
      const c = value as { otherSchools?: string; society?: string } | null;
      const src = (x: string | undefined) =>
        x === 'no' || x === 'after_first_plan' || x === 'allowed' || x === 'social_org_only' ? t(`policies.values.source_${x}`) : plainValue(x, t);
      return <Lines lines={[t('policies.values.otherSchools', { v: src(c?.otherSchools) }), t('policies.values.society', { v: src(c?.society) })]} />;
    }
    case 'staffRatios': {
      const r = value as Record<string, number | boolean> | null;
      const odd = (b: unknown) => (b ? t('policies.values.odd') : '');
      return (
        <Lines
          lines={[
            t('policies.values.ratioTheory', { per: num(r?.theoryCandidatesPerInvigilator), min: num(r?.theoryMinInvigilatorsPerRoom) }),
            t('policies.values.ratioPractical', {
              per: num(r?.practicalCandidatesPerExaminer),
              min: num(r?.practicalMinExaminers),
              odd: odd(r?.practicalOddExaminers),
            }),
            t('policies.values.ratioReview', { min: num(r?.reviewMinPanel), odd: odd(r?.reviewOddPanel) }),
          ]}
        />
      );
    }
    case 'publicityWorkingDays':
    case 'reportWithinWorkingDays':
      return <>{t('policies.values.workingDays', { n: num(value) })}</>;
    case 'practicalMarkersPerCandidate':
    case 'expansionMinEvaluated':
      return <>{t('policies.values.people', { n: num(value) })}</>;
    case 'disagreementThreshold':
      return <>{t('policies.values.points', { n: num(value) })}</>;
    case 'subsidyByLevel':
      return (
        <Lines
          lines={Object.entries(v ?? {})
            .sort(([a], [b]) => Number(b) - Number(a))
            .map(([level, yuan]) => {
              const l = Number(level);
              return t('common.labelValue', { label: isLevel(l) ? t(`levels.${l}`) : level, value: t('policies.values.yuan', { n: num(yuan) }) });
            })}
        />
      );
    case 'subsidyMaxClaimsPerYear':
      return <>{t('policies.values.times', { n: num(value) })}</>;
    case 'subsidyClaimWithinMonths':
      return <>{t('policies.values.months', { n: num(value) })}</>;
    case 'subsidyReviewLevel':
      return <>{value === 'county' || value === 'city' ? t(`subsidies.reviewLevel.${value}`) : plainValue(value, t)}</>;
    case 'retentionYears':
      return <>{t('policies.values.retention', { paper: num(v?.paper), electronic: num(v?.electronic) })}</>;
    case 'majorCoverageTarget':
      return <>{typeof value === 'number' ? `${Math.round(value * 100)}%` : plainValue(value, t)}</>;
    case 'filingCoverageTarget':
      return <>{v && typeof v.share === 'number' ? `${Math.round(v.share * 100)}% · ${String(v.by)}` : plainValue(value, t)}</>;
    default:
      return typeof value === 'object' && value !== null ? (
        <Typography.Text code style={{ whiteSpace: 'pre-wrap' }}>
          {JSON.stringify(value)}
        </Typography.Text>
      ) : (
        <>{plainValue(value, t)}</>
      );
  }
}
