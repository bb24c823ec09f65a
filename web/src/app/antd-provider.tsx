import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorReporterBridge } from '@/app/error-reporter-bridge';

/** A user who asks the system for reduced motion (WCAG 2.3.3) gets no Ant Design animations (modals, drawers, menus). */
const REDUCED_MOTION =
  typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

const THEME = {
  token: {
    motion: !REDUCED_MOTION,
    colorPrimary: '#1f5fbf',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
};

/** Ant Design follows the UI language (its own texts: pagination, empty states, confirmations). */
export function AntdProvider({ children }: { children: ReactNode }) {
  const { i18n: instance } = useTranslation();
  return (
    <ConfigProvider locale={instance.language === 'en-US' ? enUS : zhCN} theme={THEME}>
      <AntApp>
        <ErrorReporterBridge />
        {children}
      </AntApp>
    </ConfigProvider>
  );
}
