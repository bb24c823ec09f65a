import { Alert } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '@/lib/api-errors';
import { ApiError } from '@/lib/http';
import { zhCN } from '@/locales/zh-CN';

type RuleKey = Exclude<keyof typeof zhCN.rules, 'other'>;

interface ApiErrorAlertProps {
  error: unknown;
  onClose?: () => void;
  /** More explanation under the message (a table of shortages, a link …). */
  children?: ReactNode;
  style?: CSSProperties;
  'data-testid'?: string;
}

/**
 * A refusal shown in place (not as a toast): the message for its code, the rule it cites (details.rule, e.g. R5)
 * and each field issue the server listed.
 */
export function ApiErrorAlert({ error, onClose, children, style, 'data-testid': testId = 'api-error' }: ApiErrorAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : undefined;
  const rule = typeof apiError?.details?.rule === 'string' ? apiError.details.rule : undefined;
  const issues = apiError?.issues ?? [];
  const description =
    rule || issues.length || children ? (
      <div>
        {rule ? (
          <div data-testid={`${testId}-rule`}>
            {Object.hasOwn(zhCN.rules, rule) && rule !== 'other' ? `${rule}：${t(`rules.${rule as RuleKey}`)}` : t('rules.other', { rule })}
          </div>
        ) : null}
        {issues.length ? (
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {issues.map((i, n) => (
              <li key={n}>
                {i.path ? <code>{i.path.replace(/^(body|query|params)\.?/, '')}</code> : null}
                {i.path ? '：' : null}
                {i.message}
              </li>
            ))}
          </ul>
        ) : null}
        {children}
      </div>
    ) : undefined;
  return (
    <Alert
      type="error"
      showIcon
      closable={onClose ? { onClose } : undefined}
      title={errorText(error, t)}
      description={description}
      style={{ marginBottom: 16, ...style }}
      data-testid={testId}
      data-code={apiError?.code}
    />
  );
}
