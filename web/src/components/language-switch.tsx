import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, type Language } from '@/lib/i18n';

/** 中文 / English; the choice is remembered in localStorage. */
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' | 'large' }) {
  const { t, i18n } = useTranslation();
  const value: Language = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  return (
    <Segmented<Language>
      size={size}
      data-testid="language-switch"
      aria-label={t('language.label')}
      value={value}
      onChange={(lang) => void changeLanguage(lang)}
      options={[
        { label: t('language.zhCN'), value: 'zh-CN' },
        { label: t('language.enUS'), value: 'en-US' },
      ]}
    />
  );
}
