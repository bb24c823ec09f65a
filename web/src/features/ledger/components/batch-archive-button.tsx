import { FileZipOutlined } from '@ant-design/icons';
import { Button, Flex, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useStartArchive } from '@/features/ledger/api/ledger';
import { LedgerJobProgress } from '@/features/ledger/components/ledger-job';
import { can } from '@/lib/authorization';
import { reportError } from '@/lib/error-reporting';

/** 一批一档: the plan's records as one ZIP (a background job), for the school and HR of the region. */
export function BatchArchiveButton({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const start = useStartArchive(planId);
  const [jobId, setJobId] = useState<string | null>(null);
  if (!can(me, 'ledger.archive')) return null;
  return (
    <Flex gap={8} align="center" wrap>
      <Tooltip title={t('ledger.archiveHint')}>
        <Button
          icon={<FileZipOutlined />}
          loading={start.isPending}
          onClick={() => start.mutate(undefined, { onError: reportError, onSuccess: (j) => setJobId(j.id) })}
          data-testid="batch-archive"
        >
          {t('ledger.archive')}
        </Button>
      </Tooltip>
      {jobId ? <LedgerJobProgress jobId={jobId} fallbackName="archive.zip" testId="batch-archive-job" /> : null}
    </Flex>
  );
}
