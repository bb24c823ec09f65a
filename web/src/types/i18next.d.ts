import 'i18next';
import type { appZhCN } from '@/locales/app.zh-CN';
import type { enrolmentZhCN } from '@/locales/enrolment.zh-CN';
import type { publicityZhCN } from '@/locales/publicity.zh-CN';
import type { supervisionZhCN } from '@/locales/supervision.zh-CN';
import type { markingZhCN } from '@/locales/marking.zh-CN';
import type { examZhCN } from '@/locales/exam.zh-CN';
import type { roomZhCN } from '@/locales/room.zh-CN';
import type { certificatesZhCN } from '@/locales/certificates.zh-CN';
import type { sanctionsZhCN } from '@/locales/sanctions.zh-CN';
import type { verifyZhCN } from '@/locales/verify.zh-CN';
import type { zhCN } from '@/locales/zh-CN';
import type { complaintsZhCN } from '@/locales/complaints.zh-CN';

/** Type-checks every `t('…')` key against the zh-CN catalog (and the parts loaded with their screens). */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof zhCN &
        typeof enrolmentZhCN &
        typeof appZhCN &
        typeof publicityZhCN &
        typeof supervisionZhCN &
        typeof markingZhCN &
        typeof examZhCN &
        typeof roomZhCN &
        typeof verifyZhCN &
        typeof certificatesZhCN &
        typeof complaintsZhCN &
        typeof sanctionsZhCN;
    };
    returnNull: false;
  }
}
