import type { FilingDetail, FilingStatus } from '@skillcert/shared/api/filings';
import type { FilingStepActor, PolicyProfile } from '@skillcert/shared/api/policies';
import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { usePolicy } from '@/features/policies/api/get-policy';
import { useRegion } from '@/features/regions/api/get-region';

type Path = PolicyProfile['filingPath']['value'];
export type NextStepKey = 'complete' | 'revise' | 'review' | 'startAssessment' | 'assess' | 'list' | 'listed' | 'closed';

/**
 * Who acts next on a filing in `status`, and what they do — read from the policy profile's filing path, the same
 * actors the server's state machine (filings.rules.ts) lets act: R7 Shanghai 市教委 → HR + edu → HR; R8 Fujian city HR.
 */
export function nextStepOf(status: FilingStatus, path: Path): { who: 'school' | FilingStepActor | null; step: NextStepKey } {
  switch (status) {
    case 'draft':
      return { who: 'school', step: 'complete' };
    case 'returned':
      return { who: 'school', step: 'revise' };
    case 'submitted':
      return { who: path.eduReview ?? path.receive, step: 'review' };
    case 'edu_reviewed':
      return { who: path.techAssessment[0] ?? path.receive, step: 'startAssessment' };
    case 'tech_assessment':
      return { who: path.techAssessment[0] ?? path.report, step: 'assess' };
    case 'reported':
      return { who: path.list, step: 'list' };
    case 'listed':
      return { who: null, step: 'listed' };
    default:
      return { who: null, step: 'closed' };
  }
}

/** The region a step's bureau sits at, for a school in `schoolRegion`: province 310000, city 350500. */
function bureauRegion(step: FilingStepActor, schoolRegion: string): string {
  return step.level === 'province' ? `${schoolRegion.slice(0, 2)}0000` : `${schoolRegion.slice(0, 4)}00`;
}

function BureauName({ step, schoolRegion }: { step: FilingStepActor; schoolRegion: string }) {
  const { t } = useTranslation();
  const region = useRegion(bureauRegion(step, schoolRegion));
  return <>{t(`usability.bureaus.${step.bureau}`, { region: region.data?.name ?? '' })}</>;
}

/** "What happens next": who acts now and, for the school, what it can do meanwhile. */
export function FilingNextStep({ filing }: { filing: FilingDetail }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const profile = usePolicy(filing.profileId);
  if (!profile.data) return null;
  const { who, step } = nextStepOf(filing.status, profile.data.filingPath.value);
  const mine = filing.orgId === me.organisation.id;
  const waitingForMe = filing.allowedActions.length > 0;
  const whoText =
    who === null ? null : who === 'school' ? mine ? t('usability.you') : filing.orgName : <BureauName step={who} schoolRegion={filing.regionCode} />;
  return (
    <Alert
      type={waitingForMe ? 'info' : 'success'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="filing-next-step"
      data-step={step}
      title={
        whoText === null ? (
          t(`usability.nextSteps.${step}`)
        ) : (
          <span>
            {t('usability.nextLabel')}
            <Typography.Text strong data-testid="filing-next-actor">
              {whoText}
            </Typography.Text>
            {t(`usability.nextSteps.${step}`)}
          </span>
        )
      }
      description={mine && who !== 'school' && who !== null ? t('usability.meanwhile') : waitingForMe ? t('usability.yourTurn') : undefined}
    />
  );
}

/** A returned or rejected filing: the reviewer's reason, at the top of the page. */
export function FilingReasonBanner({ filing }: { filing: FilingDetail }) {
  const { t } = useTranslation();
  if (filing.status !== 'returned' && filing.status !== 'rejected') return null;
  const last = [...filing.events].reverse().find((e) => e.action === (filing.status === 'returned' ? 'return' : 'reject'));
  return (
    <Alert
      type={filing.status === 'returned' ? 'warning' : 'error'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="filing-reason-banner"
      title={t(filing.status === 'returned' ? 'usability.returnedBy' : 'usability.rejectedBy', { org: last?.actorOrg ?? '' })}
      description={last?.reason ? t('filings.timeline.reason', { reason: last.reason }) : undefined}
    />
  );
}
