import { DownloadOutlined } from '@ant-design/icons';
import type { RowError } from '@skillcert/shared/api/banks';
import { Button, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { baseName, saveBase64 } from '@/lib/files';

/**
 * The per-row report of a refused workbook import: every error (row, column, reason) and the user's own workbook
 * back with each error as a cell comment (批注), to fix in place and upload again.
 */
export function RowErrors({
  errors,
  annotatedWorkbookBase64,
  filename,
  testId,
}: {
  errors: RowError[];
  annotatedWorkbookBase64: string | null;
  filename: string;
  testId: string;
}) {
  const { t } = useTranslation();
  if (!errors.length) return null;
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('itemImport.errorsTitle', { count: errors.length })}</Typography.Text>
        {annotatedWorkbookBase64 ? (
          <Button
            icon={<DownloadOutlined />}
            onClick={() => saveBase64(annotatedWorkbookBase64, `${baseName(filename)}-errors.xlsx`)}
            data-testid={`${testId}-annotated`}
          >
            {t('itemImport.downloadAnnotated')}
          </Button>
        ) : null}
      </Flex>
      <Table
        rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
        size="small"
        scroll={{ y: 320 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, size: 'small' }}
        dataSource={errors}
        data-testid={`${testId}-errors`}
        columns={[
          { key: 'row', title: t('itemImport.row'), width: 70, render: (_, e) => e.row || t('common.none') },
          { key: 'column', title: t('itemImport.column'), width: 90, render: (_, e) => e.column || t('common.none') },
          { key: 'message', title: t('itemImport.message'), render: (_, e) => e.message },
        ]}
      />
    </>
  );
}
