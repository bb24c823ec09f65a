import type { PlanStatus } from '@skillcert/shared/api/plans';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<PlanStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  acknowledged: 'success',
  in_progress: 'geekblue',
  marking: 'purple',
  publicity: 'cyan',
  closed: 'default',
  returned: 'warning',
  withdrawn: 'default',
};

/** 草稿 / 已报送 / 已备案 / …; `data-status` carries the code for tests. */
export function PlanStatusTag({ status, 'data-testid': testId }: { status: PlanStatus; 'data-testid'?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid={testId} data-status={status}>
      {t(`plans.status.${status}`)}
    </Tag>
  );
}
