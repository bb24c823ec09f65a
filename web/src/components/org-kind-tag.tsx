import type { OrgKind } from '@skillcert/shared/domain';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<OrgKind, string> = {
  platform: 'default',
  hr_bureau: 'blue',
  edu_bureau: 'cyan',
  school: 'purple',
};

export function OrgKindTag({ kind }: { kind: OrgKind }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[kind]}>{t(`orgKinds.${kind}`)}</Tag>;
}
