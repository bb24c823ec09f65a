import type { SpecStatus } from '@skillcert/shared/api/specs';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<SpecStatus, string> = { draft: 'default', submitted: 'processing', filed: 'success', returned: 'warning' };

export function SpecStatusTag({ status }: { status: SpecStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-status={status} data-testid="spec-status">
      {t(`specStatus.${status}`)}
    </Tag>
  );
}
