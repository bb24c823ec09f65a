import { ArrowRightOutlined } from '@ant-design/icons';
import type { FilingAction, FilingEvent } from '@skillcert/shared/api/filings';
import { FILING_ACTIONS } from '@skillcert/shared/api/filings';
import { Flex, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AttachmentList } from '@/features/attachments/components/attachment-list';
import { FilingStatusTag } from '@/features/filings/components/filing-status-tag';
import { formatDateTime } from '@/lib/format';

const COLORS: Partial<Record<string, string>> = { reject: 'red', revoke: 'red', return: 'orange', suspend: 'orange', list: 'green', approve: 'blue' };

function actionText(action: string, t: (k: `filingActions.${FilingAction | 'create'}`) => string): string {
  return action === 'create' || (FILING_ACTIONS as readonly string[]).includes(action) ? t(`filingActions.${action as FilingAction | 'create'}`) : action;
}

/** What the step recorded beyond the status: the score sheet's total, or the listing's code and validity. */
function EventData({ event }: { event: FilingEvent }) {
  const { t } = useTranslation();
  const data = event.data as Record<string, unknown> | null;
  if (!data || typeof data !== 'object') return null;
  if (event.action === 'assess' && typeof data.total === 'number') {
    return (
      <Typography.Text type="secondary">
        {t('filings.timeline.score', { total: data.total, result: data.passed ? t('filings.assessment.passed') : t('filings.assessment.failed') })}
      </Typography.Text>
    );
  }
  if (event.action === 'list' && typeof data.code === 'string') {
    return (
      <Typography.Text type="secondary">
        {t('filings.timeline.listed', { code: data.code, prefix: String(data.certificatePrefix ?? ''), validTo: String(data.validTo ?? '') })}
      </Typography.Text>
    );
  }
  return null;
}

/** The filing's history: when, who (and their organisation), which action, from → to, the reason and documents. */
export function FilingTimeline({ events }: { events: FilingEvent[] }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="filing-timeline"
      items={events.map((e) => ({
        key: e.id,
        color: COLORS[e.action] ?? 'gray',
        content: (
          <Flex vertical gap={4} data-testid="filing-event" data-action={e.action}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(e.at)}
            </Typography.Text>
            <Flex gap={8} wrap align="center">
              <Typography.Text strong>{actionText(e.action, t)}</Typography.Text>
              <Typography.Text type="secondary">
                {e.actorName
                  ? e.actorOrg
                    ? t('filings.timeline.by', { name: e.actorName, org: e.actorOrg })
                    : t('filings.timeline.byNoOrg', { name: e.actorName })
                  : null}
              </Typography.Text>
            </Flex>
            <Flex gap={4} align="center">
              {e.fromStatus ? (
                <>
                  <FilingStatusTag status={e.fromStatus} />
                  <ArrowRightOutlined style={{ color: '#999', marginInlineEnd: 8 }} />
                </>
              ) : null}
              <FilingStatusTag status={e.toStatus} />
            </Flex>
            {e.reason ? <Typography.Text>{t('filings.timeline.reason', { reason: e.reason })}</Typography.Text> : null}
            <EventData event={e} />
            {e.attachmentIds.length > 0 ? <AttachmentList ids={e.attachmentIds} /> : null}
          </Flex>
        ),
      }))}
    />
  );
}
