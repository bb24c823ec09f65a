import type { ImportReport } from '@skillcert/shared/api/occupations';
import { Alert, Button, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilePickButton } from '@/components/file-pick-button';
import { useImportOccupations } from '@/features/occupations/api/import-occupations';

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
    <Modal
      open={open}
      width={720}
      title={t('occupations.importModal.title')}
      onCancel={close}
      footer={<Button onClick={close}>{t('common.close')}</Button>}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('occupations.importModal.intro')}</Typography.Paragraph>
      <FilePickButton
        accept=".xlsx"
        loading={importer.isPending}
        testId="occupation-import-file"
        onFile={({ contentBase64 }) => {
          setReport(null);
          importer.mutate(contentBase64, { onSuccess: setReport });
        }}
      >
        {t('occupations.importModal.choose')}
      </FilePickButton>
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
