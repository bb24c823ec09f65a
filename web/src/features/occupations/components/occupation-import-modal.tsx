import { UploadOutlined } from '@ant-design/icons';
import type { ImportReport } from '@skillcert/shared/api/occupations';
import { Alert, Button, Modal, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useImportOccupations } from '@/features/occupations/api/import-occupations';
import { readFileAsBase64 } from '@/lib/files';

/** Excel import: all rows or none; the per-row error table when anything is wrong. */
export function OccupationImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const importer = useImportOccupations();
  const [report, setReport] = useState<ImportReport | null>(null);

  const close = () => {
    setReport(null);
    importer.reset();
    onClose();
  };

  return (
    <Modal open={open} width={720} title={t('occupations.importModal.title')} onCancel={close} footer={<Button onClick={close}>{t('common.close')}</Button>} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('occupations.importModal.intro')}</Typography.Paragraph>
      <span data-testid="occupation-import-file">
        <Upload
          accept=".xlsx"
          showUploadList={false}
          disabled={importer.isPending}
          beforeUpload={(file) => {
            setReport(null);
            void readFileAsBase64(file).then((b64) => importer.mutate(b64, { onSuccess: setReport }));
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={importer.isPending}>
            {t('occupations.importModal.choose')}
          </Button>
        </Upload>
      </span>
      {report ? (
        report.errors.length === 0 ? (
          <Alert
            type="success"
            showIcon
            style={{ marginTop: 16 }}
            title={t('occupations.importModal.done', { imported: report.imported, updated: report.updated })}
            data-testid="occupation-import-result"
          />
        ) : (
          <>
            <Alert
              type="error"
              showIcon
              style={{ margin: '16px 0 12px' }}
              title={t('occupations.importModal.failed', { count: report.errors.length })}
              data-testid="occupation-import-result"
            />
            <Table
              rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
              size="small"
              pagination={false}
              scroll={{ y: 320 }}
              dataSource={report.errors}
              data-testid="occupation-import-errors"
              columns={[
                { key: 'row', title: t('occupations.importModal.row'), width: 70, render: (_, e) => e.row },
                { key: 'column', title: t('occupations.importModal.column'), width: 200, render: (_, e) => e.column },
                { key: 'message', title: t('occupations.importModal.message'), render: (_, e) => e.message },
              ]}
            />
          </>
        )
      ) : null}
    </Modal>
  );
}
