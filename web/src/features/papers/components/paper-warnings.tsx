import { Alert } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { appZhCN } from '@/locales/app.zh-CN';

type WarningKey = keyof typeof appZhCN.paperWarnings;

/** An assembly warning code (DIFFICULTY_OFF_TARGET …) in words; unknown codes as sent. */
export function warningText(code: string, t: TFunction): string {
  return Object.hasOwn(appZhCN.paperWarnings, code) ? t(`paperWarnings.${code as WarningKey}`) : code;
}

export function PaperWarnings({ warnings }: { warnings: readonly string[] }) {
  const { t } = useTranslation();
  if (!warnings.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="paper-warnings"
      title={t('assembly.warnings')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {warnings.map((w) => (
            <li key={w}>{warningText(w, t)}</li>
          ))}
        </ul>
      }
    />
  );
}
