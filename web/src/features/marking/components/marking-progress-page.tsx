import '@/features/marking/i18n';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { useMarkingProgress } from '@/features/marking/api/marking';
import { errorText } from '@/lib/api-errors';

/** A plan's marking progress for the institution: per part, candidates' items waiting / agreed / disputed / decided. */
export function MarkingProgressPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const progress = useMarkingProgress(id);
  const p = progress.data;
  return (
    <>
      <PageHeader
        title={t('marking.progressTitle')}
        subtitle={t('marking.progressSubtitle')}
        extra={
          <Link to={`/plans/${id}`}>
            <Button icon={<ArrowLeftOutlined />}>{t('marking.backToPlan')}</Button>
          </Link>
        }
      />
      {progress.error ? <Alert type="error" showIcon message={errorText(progress.error)} /> : null}
      {p ? (
        <>
          <Typography.Paragraph type="secondary">{t('marking.ratio', { markers: p.markersPerCandidate, threshold: p.thresholdPercent })}</Typography.Paragraph>
          <Table
            rowKey="partId"
            pagination={false}
            scroll={{ x: true }}
            data-testid="marking-progress"
            dataSource={p.parts}
            columns={[
              { title: t('marking.part'), key: 'kind', render: (_: unknown, r) => t(`marking.parts.${r.kind}`) },
              { title: t('marking.candidates'), dataIndex: 'candidates' },
              { title: t('marking.waiting'), key: 'waiting', render: (_: unknown, r) => r.items.waiting },
              { title: t('marking.agreed'), key: 'agreed', render: (_: unknown, r) => r.items.agreed },
              {
                title: t('marking.disputed'),
                key: 'disputed',
                render: (_: unknown, r) => <span data-testid={`progress-disputed-${r.kind}`}>{r.items.disputed}</span>,
              },
              { title: t('marking.decidedCount'), key: 'decided', render: (_: unknown, r) => r.items.decided },
              { title: t('marking.results'), dataIndex: 'resultsWritten' },
              { title: t('marking.openRemarks'), dataIndex: 'openRemarks' },
            ]}
          />
        </>
      ) : null}
    </>
  );
}
