import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** 启用 / 停用 */
export function ActiveTag({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return active ? <Tag color="success">{t('common.active')}</Tag> : <Tag color="default">{t('common.inactive')}</Tag>;
}
