import type { FilingStatus } from '@skillcert/shared/api/filings';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<FilingStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  edu_reviewed: 'cyan',
  tech_assessment: 'geekblue',
  reported: 'purple',
  listed: 'success',
  returned: 'warning',
  rejected: 'error',
  suspended: 'orange',
  revoked: 'red',
  expired: 'default',
};

/** 草稿 / 已提交 / … / 已列入目录; `data-status` carries the code for tests. */
export function FilingStatusTag({ status, 'data-testid': testId }: { status: FilingStatus; 'data-testid'?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid={testId} data-status={status}>
      {t(`filingStatus.${status}`)}
    </Tag>
  );
}
