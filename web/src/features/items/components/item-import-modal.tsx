import type { ItemImportReport } from '@skillcert/shared/api/banks';
import { Alert, Button, Col, Flex, Modal, Row, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilePickButton } from '@/components/file-pick-button';
import { DownloadButton } from '@/components/download-button';
import { RowErrors } from '@/components/row-errors';
import { ITEM_TEMPLATE_PATH, useImportItems } from '@/features/items/api/import-items';

/**
 * Excel import of the item template: every row stored or none. The report counts created / updated (a new version) /
 * unchanged rows; on errors, a table (row, column, message) and the user's own workbook back with 批注 on each cell.
 */
export function ItemImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const importer = useImportItems();
  const [report, setReport] = useState<ItemImportReport | null>(null);
  const [filename, setFilename] = useState('items.xlsx');

  const close = () => {
    setReport(null);
    importer.reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      width={820}
      title={t('itemImport.title')}
      onCancel={close}
      footer={<Button onClick={close}>{t('common.close')}</Button>}
      destroyOnHidden
      data-testid="item-import-modal"
    >
      <Typography.Paragraph type="secondary">{t('itemImport.intro')}</Typography.Paragraph>
      <Flex gap={8} wrap>
        <FilePickButton
          accept=".xlsx"
          loading={importer.isPending}
          testId="item-import-file"
          onFile={({ name, contentBase64 }) => {
            setReport(null);
            setFilename(name);
            importer.mutate({ filename: name, contentBase64 }, { onSuccess: setReport });
          }}
        >
          {importer.isPending ? t('itemImport.importing') : t('itemImport.choose')}
        </FilePickButton>
        <DownloadButton path={ITEM_TEMPLATE_PATH} fallbackName="item-bank-template.xlsx">
          {t('bank.template')}
        </DownloadButton>
      </Flex>
      {report ? <ImportReportView report={report} filename={filename} /> : null}
    </Modal>
  );
}

function ImportReportView({ report, filename }: { report: ItemImportReport; filename: string }) {
  const { t } = useTranslation();
  const ok = report.stored && report.errors.length === 0;
  return (
    <div style={{ marginTop: 16 }} data-testid="item-import-report" data-stored={String(report.stored)}>
      <Alert
        type={ok ? 'success' : 'error'}
        showIcon
        style={{ marginBottom: 12 }}
        title={ok ? t('itemImport.stored') : t('itemImport.notStored', { count: report.errors.length })}
        data-testid="item-import-result"
      />
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col span={6}>
          <Statistic title={t('itemImport.rows')} value={report.rows} data-testid="item-import-rows" />
        </Col>
        <Col span={6}>
          <Statistic title={t('itemImport.created')} value={report.created} data-testid="item-import-created" />
        </Col>
        <Col span={6}>
          <Statistic title={t('itemImport.updated')} value={report.updated} data-testid="item-import-updated" />
        </Col>
        <Col span={6}>
          <Statistic title={t('itemImport.unchanged')} value={report.unchanged} data-testid="item-import-unchanged" />
        </Col>
      </Row>
      <RowErrors errors={report.errors} annotatedWorkbookBase64={report.annotatedWorkbookBase64} filename={filename} testId="item-import" />
    </div>
  );
}
