import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGES, type Language } from '@/lib/i18n';
import '@/components/light/light.css';

/** 中文 / English without antd (the light public pages); the choice is remembered in localStorage. */
export function LanguageButtons() {
  const { t, i18n } = useTranslation();
  const current: Language = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const label: Record<Language, string> = { 'zh-CN': t('language.zhCN'), 'en-US': t('language.enUS') };
  return (
    <fieldset className="lt-switch" aria-label={t('language.label')} data-testid="language-switch">
      {LANGUAGES.map((lang) => (
        <button key={lang} type="button" aria-pressed={lang === current} onClick={() => void changeLanguage(lang)}>
          {label[lang]}
        </button>
      ))}
    </fieldset>
  );
}
