import type { PaperDetail, ScoresImportReport } from '@skillcert/shared/api/banks';
import { Alert, Button, Col, Flex, Modal, Row, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilePickButton } from '@/components/file-pick-button';
import { Link } from 'react-router';
import { DownloadButton } from '@/components/download-button';
import { RowErrors } from '@/components/row-errors';
import { scoresTemplatePath, useImportScores } from '@/features/papers/api/import-scores';

/**
 * 录入成绩: a sitting held outside the platform (on paper, say) recorded from the paper's scores sheet — download the
 * template, fill a row per candidate, upload. Every candidate is recorded and the items' statistics recomputed, or
 * none: then a table (row, column, message) and the user's own workbook back with 批注 on each wrong cell.
 */
export function ScoresImportModal({ open, paper, onClose }: { open: boolean; paper: PaperDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const importer = useImportScores(paper.id);
  const [report, setReport] = useState<ScoresImportReport | null>(null);
  const [filename, setFilename] = useState('scores.xlsx');

  const close = () => {
    setReport(null);
    importer.reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      width={820}
      title={t('papers.scores.title', { name: paper.name, variant: paper.variant })}
      onCancel={close}
      footer={<Button onClick={close}>{t('common.close')}</Button>}
      destroyOnHidden
      data-testid="scores-import-modal"
    >
      <Typography.Paragraph type="secondary">{t('papers.scores.intro')}</Typography.Paragraph>
      <Flex gap={8} wrap>
        <DownloadButton path={scoresTemplatePath(paper.id)} fallbackName={`${paper.name}-${paper.variant}-scores.xlsx`} data-testid="scores-template">
          {t('papers.scores.template')}
        </DownloadButton>
        <FilePickButton
          accept=".xlsx"
          loading={importer.isPending}
          testId="scores-import-file"
          onFile={({ name, contentBase64 }) => {
            setReport(null);
            setFilename(name);
            importer.mutate({ filename: name, contentBase64 }, { onSuccess: setReport });
          }}
        >
          {importer.isPending ? t('papers.scores.importing') : t('papers.scores.choose')}
        </FilePickButton>
      </Flex>
      {report ? <ScoresReportView report={report} filename={filename} blueprintId={paper.blueprintId} /> : null}
    </Modal>
  );
}

function ScoresReportView({ report, filename, blueprintId }: { report: ScoresImportReport; filename: string; blueprintId: string }) {
  const { t } = useTranslation();
  const ok = report.stored && report.errors.length === 0;
  return (
    <div style={{ marginTop: 16 }} data-testid="scores-import-report" data-stored={String(report.stored)}>
      <Alert
        type={ok ? 'success' : 'error'}
        showIcon
        style={{ marginBottom: 12 }}
        title={ok ? t('papers.scores.stored', { count: report.candidates }) : t('papers.scores.notStored', { count: report.errors.length })}
        data-testid="scores-import-result"
      />
      {ok ? (
        <Row gutter={12} style={{ marginBottom: 12 }}>
          <Col span={8}>
            <Statistic title={t('papers.scores.candidates')} value={report.candidates} data-testid="scores-import-candidates" />
          </Col>
          <Col span={8}>
            <Statistic title={t('papers.scores.itemsUpdated')} value={report.itemsUpdated} data-testid="scores-import-items" />
          </Col>
          <Col span={8}>
            <Statistic title={t('papers.scores.flagged')} value={report.flagged} data-testid="scores-import-flagged" />
          </Col>
        </Row>
      ) : null}
      {ok && report.flagged > 0 ? (
        <Link to={`/bank?blueprintId=${encodeURIComponent(blueprintId)}&flagged=true`} data-testid="scores-import-flagged-link">
          {t('papers.scores.openFlagged')}
        </Link>
      ) : null}
      <RowErrors errors={report.errors} annotatedWorkbookBase64={report.annotatedWorkbookBase64} filename={filename} testId="scores-import" />
    </div>
  );
}
