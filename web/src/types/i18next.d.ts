import 'i18next';
import type { appZhCN } from '@/locales/app.zh-CN';
import type { enrolmentZhCN } from '@/locales/enrolment.zh-CN';
import type { certificatesZhCN } from '@/locales/certificates.zh-CN';
import type { verifyZhCN } from '@/locales/verify.zh-CN';
import type { zhCN } from '@/locales/zh-CN';

/** Type-checks every `t('…')` key against the zh-CN catalog (and the parts loaded with their screens). */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN & typeof enrolmentZhCN & typeof appZhCN & typeof verifyZhCN & typeof certificatesZhCN };
    returnNull: false;
  }
}
