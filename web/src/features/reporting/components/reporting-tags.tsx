import type { DeadlineState, ReportStatus } from '@skillcert/shared/api/reporting';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const STATUS_COLOR: Record<ReportStatus, string> = {
  pending: 'default',
  submitted: 'processing',
  resubmitted: 'processing',
  accepted: 'success',
  rejected: 'error',
};
const DEADLINE_COLOR: Record<DeadlineState, string> = { done: 'success', due: 'gold', overdue: 'red' };

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid={`report-status-${status}`}>
      {t(`reporting.statuses.${status}`)}
    </Tag>
  );
}

/** Due / overdue / done, with the day when there is one. */
export function DeadlineTag({ state, dueOn }: { state: DeadlineState; dueOn: string | null }) {
  const { t } = useTranslation();
  return (
    <Tag color={DEADLINE_COLOR[state]} data-testid={`deadline-${state}`}>
      {t(`reporting.deadline.${state}`)}
      {dueOn && state !== 'done' ? ` · ${t('reporting.dueTag', { date: dueOn })}` : ''}
    </Tag>
  );
}
