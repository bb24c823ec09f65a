import type { InstitutionStatus } from '@skillcert/shared/api/institutions';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<InstitutionStatus, string> = { listed: 'success', suspended: 'warning', revoked: 'error', expired: 'default' };

export function InstitutionStatusTag({ status }: { status: InstitutionStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-status={status}>
      {t(`institutionStatus.${status}`)}
    </Tag>
  );
}
