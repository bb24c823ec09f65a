import { App } from 'antd';
import { useEffect } from 'react';
import { currentAppApi, setAppApi } from '@/lib/error-reporting';

/** Mount once inside antd's <App>: lets the global error handler use the themed, localised message API. */
export function ErrorReporterBridge(): null {
  const api = App.useApp();
  useEffect(() => {
    setAppApi(api);
    return () => {
      if (currentAppApi() === api) setAppApi(undefined);
    };
  }, [api]);
  return null;
}
