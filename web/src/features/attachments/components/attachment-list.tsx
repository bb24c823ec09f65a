import { DeleteOutlined, DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Flex, List, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { attachmentContentUrl, useAttachments } from '@/features/attachments/api/get-attachment';
import { formatBytes } from '@/lib/files';

interface AttachmentListProps {
  ids: readonly string[];
  /** Shows a remove button per file (form use). */
  onRemove?: (id: string) => void;
  disabled?: boolean;
  'data-testid'?: string;
}

/** Attachments by id: file name, size and a download link (the server checks the reader's scope). */
export function AttachmentList({ ids, onRemove, disabled, 'data-testid': testId }: AttachmentListProps) {
  const { t } = useTranslation();
  const metas = useAttachments(ids);
  if (ids.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {t('attachments.empty')}
      </Typography.Text>
    );
  }
  return (
    <List
      size="small"
      bordered
      data-testid={testId}
      dataSource={ids.map((id, i) => ({ id, query: metas[i] }))}
      renderItem={({ id, query }) => (
        <List.Item
          data-testid="attachment-item"
          actions={[
            <a key="download" href={attachmentContentUrl(id)} download data-testid="attachment-download">
              <DownloadOutlined /> {t('attachments.download')}
            </a>,
            ...(onRemove
              ? [
                  <Button
                    key="remove"
                    type="link"
                    size="small"
                    danger
                    disabled={disabled}
                    icon={<DeleteOutlined />}
                    onClick={() => onRemove(id)}
                    data-testid="attachment-remove"
                  >
                    {t('attachments.remove')}
                  </Button>,
                ]
              : []),
          ]}
        >
          <Flex gap={8} align="center">
            <PaperClipOutlined />
            {query?.data ? (
              <>
                <Typography.Text data-testid="attachment-name">{query.data.filename}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatBytes(query.data.size)}
                </Typography.Text>
              </>
            ) : query?.isPending ? (
              <Spin size="small" />
            ) : (
              <Typography.Text type="secondary">{id}</Typography.Text>
            )}
          </Flex>
        </List.Item>
      )}
    />
  );
}
