import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Progress } from 'antd';
import { useTranslation } from 'react-i18next';
import { downloadLedgerJob, useLedgerJob } from '@/features/ledger/api/ledger';
import { reportError } from '@/lib/error-reporting';
import { saveBlob } from '@/lib/files';

/** A ledger export's or archive's progress, then its download. */
export function LedgerJobProgress({ jobId, fallbackName, testId }: { jobId: string; fallbackName: string; testId: string }) {
  const { t } = useTranslation();
  const job = useLedgerJob(jobId);
  const j = job.data;
  if (!j) return null;
  return (
    <Flex vertical gap={8} style={{ minWidth: 260 }} data-testid={testId} data-status={j.status}>
      <Progress percent={Math.round(j.progress * 100)} size="small" status={j.status === 'failed' ? 'exception' : undefined} />
      {j.status === 'running' || j.status === 'queued' ? <span>{t('ledger.exporting', { done: j.done, total: j.total })}</span> : null}
      {j.status === 'failed' ? <Alert type="error" title={t('ledger.failed', { error: j.error ?? '' })} /> : null}
      {j.status === 'done' ? (
        <Button
          icon={<DownloadOutlined />}
          onClick={() => downloadLedgerJob(jobId).then(({ blob, filename }) => saveBlob(blob, filename ?? fallbackName), reportError)}
          data-testid={`${testId}-download`}
        >
          {t('ledger.download')}
        </Button>
      ) : null}
    </Flex>
  );
}
