import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography, Upload } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ATTACHMENT_BYTES, useUploadAttachment } from '@/features/attachments/api/upload-attachment';
import { AttachmentList } from '@/features/attachments/components/attachment-list';
import { readFileAsBase64 } from '@/lib/files';

interface AttachmentsFieldProps {
  /** Attachment ids (an antd form control). */
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** At most one file (a 评价规范's document). */
  single?: boolean;
  disabled?: boolean;
  id?: string;
  /** Prefix of the test ids: `<prefix>-upload` (wraps the file input) and `<prefix>-list`. */
  testId?: string;
}

/**
 * Uploads documents as they are picked (FileReader → base64 → POST /api/attachments) and keeps their ids;
 * lists them with download and remove. The files belong to the uploader's organisation.
 */
export function AttachmentsField({ value, onChange, single = false, disabled, id, testId = 'attachments' }: AttachmentsFieldProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const upload = useUploadAttachment();
  const ids = value ?? [];
  // Several files may finish uploading before the form re-renders: append to the latest list.
  const latest = useRef(ids);
  latest.current = ids;

  const onFile = async (file: File) => {
    if (file.size > MAX_ATTACHMENT_BYTES) {
      void message.error(t('attachments.tooLarge'));
      return;
    }
    let contentBase64: string;
    try {
      contentBase64 = await readFileAsBase64(file);
    } catch {
      void message.error(t('attachments.readFailed'));
      return;
    }
    upload.mutate(
      { filename: file.name, mimeType: file.type || 'application/octet-stream', contentBase64 },
      {
        onSuccess: (attachment) => {
          latest.current = single ? [attachment.id] : [...latest.current, attachment.id];
          onChange?.(latest.current);
          void message.success(t('attachments.uploaded', { name: attachment.filename }));
        },
      },
    );
  };

  return (
    <Flex vertical gap={8} id={id}>
      <Flex align="center" gap={12} wrap>
        <span data-testid={`${testId}-upload`}>
          <Upload
            multiple={!single}
            showUploadList={false}
            disabled={disabled || upload.isPending}
            beforeUpload={(file) => {
              void onFile(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending} disabled={disabled}>
              {upload.isPending ? t('attachments.uploading') : t('attachments.upload')}
            </Button>
          </Upload>
        </span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('attachments.hint')}
        </Typography.Text>
      </Flex>
      <AttachmentList
        ids={ids}
        disabled={disabled}
        onRemove={disabled ? undefined : (removed) => onChange?.(ids.filter((x) => x !== removed))}
        data-testid={`${testId}-list`}
      />
    </Flex>
  );
}
