import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload } from 'antd';
import type { ReactNode } from 'react';
import { readFileAsBase64 } from '@/lib/files';

/** A button that picks one file and hands it over read as base64 (the imports' JSON bodies carry files that way). */
export function FilePickButton({
  accept,
  loading,
  onFile,
  children,
  testId,
}: {
  accept: string;
  loading: boolean;
  onFile: (file: { name: string; contentBase64: string }) => void;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <span data-testid={testId}>
      <Upload
        accept={accept}
        showUploadList={false}
        disabled={loading}
        beforeUpload={(file) => {
          void readFileAsBase64(file).then((contentBase64) => onFile({ name: file.name, contentBase64 }));
          return false;
        }}
      >
        <Button type="primary" icon={<UploadOutlined />} loading={loading}>
          {children}
        </Button>
      </Upload>
    </span>
  );
}
