import 'i18next';
import type { zhCN } from '@/locales/zh-CN';

/** Type-checks every `t('…')` key against the zh-CN catalog. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
    returnNull: false;
  }
}
