import type { Role } from '@skillcert/shared/domain';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<Role, string> = {
  admin: 'magenta',
  hr: 'blue',
  edu: 'cyan',
  school_admin: 'purple',
  school_staff: 'geekblue',
  assessor: 'gold',
  supervisor: 'orange',
  candidate: 'green',
};

/** The role in words (平台管理员, 人社部门 …). */
export function RoleTag({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[role]} data-testid="role-tag">
      {t(`roles.${role}`)}
    </Tag>
  );
}
