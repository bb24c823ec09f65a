import type { Proposal } from '@skillcert/shared/api/specs';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<Proposal['status'], string> = { submitted: 'processing', approved: 'success', returned: 'warning', rejected: 'error' };

export function ProposalStatusTag({ status }: { status: Proposal['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-status={status} data-testid="proposal-status">
      {t(`proposalStatus.${status}`)}
    </Tag>
  );
}
