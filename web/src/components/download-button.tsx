import { DownloadOutlined } from '@ant-design/icons';
import { Button, type ButtonProps } from 'antd';
import { type ReactNode, useState } from 'react';
import { reportError } from '@/lib/error-reporting';
import { saveBlob } from '@/lib/files';
import { http, type QueryParams } from '@/lib/http';

interface DownloadButtonProps {
  /** An API path that answers a file (`/api/items/export.xlsx`). */
  path: string;
  query?: QueryParams;
  /** Used when the server names no file. */
  fallbackName: string;
  children: ReactNode;
  type?: ButtonProps['type'];
  size?: ButtonProps['size'];
  icon?: ReactNode;
  disabled?: boolean;
  'data-testid'?: string;
}

/**
 * Downloads a file from the API with the session cookie; a refusal (403, 404 …) is shown like any failed request
 * instead of opening the error JSON in the tab.
 */
export function DownloadButton({ path, query, fallbackName, children, type, size, icon, disabled, 'data-testid': testId }: DownloadButtonProps) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      type={type}
      size={size}
      icon={icon ?? <DownloadOutlined />}
      loading={busy}
      disabled={disabled}
      data-testid={testId}
      onClick={() => {
        setBusy(true);
        http
          .file(path, query)
          .then(({ blob, filename }) => saveBlob(blob, filename ?? fallbackName), reportError)
          .finally(() => setBusy(false));
      }}
    >
      {children}
    </Button>
  );
}
