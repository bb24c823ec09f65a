import type { QtiImportReport } from '@skillcert/shared/api/banks';
import { Alert, Button, Cascader, Col, Form, Modal, Row, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilePickButton } from '@/components/file-pick-button';
import { Link } from 'react-router';
import { useBlueprint } from '@/features/blueprints/api/get-blueprint';
import { BlueprintSelect } from '@/features/blueprints/components/blueprint-select';
import { useImportQti } from '@/features/qti/api/import-qti';

/**
 * QTI 3.0 / 2.1 import: a content package (.zip) or one item (.xml). Items carrying skillcert metadata go back
 * where they came from (re-importing an export changes nothing); others go into the chosen blueprint.
 */
export function QtiImportModal({ open, onClose, blueprintId }: { open: boolean; onClose: () => void; blueprintId?: string }) {
  const { t } = useTranslation();
  const importer = useImportQti();
  const [target, setTarget] = useState<string | undefined>(blueprintId);
  /** [areaCode] or [areaCode, pointCode] for items that name no area of their own. */
  const [place, setPlace] = useState<string[]>([]);
  const [report, setReport] = useState<QtiImportReport | null>(null);
  const blueprint = useBlueprint(target);
  const placeOptions = blueprint.data
    ? (['theory', 'skills'] as const).flatMap((part) =>
        blueprint.data[part].map((a) => ({
          value: a.code,
          label: `${t(`qtiImport.part.${part}`)} · ${a.code} ${a.name}`,
          children: a.points.length ? a.points.map((p) => ({ value: p.code, label: `${p.code} ${p.name}` })) : undefined,
        })),
      )
    : [];

  const close = () => {
    setReport(null);
    importer.reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      width={760}
      title={t('qtiImport.title')}
      onCancel={close}
      footer={<Button onClick={close}>{t('common.close')}</Button>}
      destroyOnHidden
      data-testid="qti-import-modal"
    >
      <Typography.Paragraph type="secondary">{t('qtiImport.intro')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('qtiImport.target')} extra={t('qtiImport.targetHint')}>
          <BlueprintSelect
            ownOnly
            allowClear
            value={target}
            onChange={(id) => {
              setTarget(id);
              setPlace([]);
            }}
            style={{ width: '100%' }}
            data-testid="qti-import-blueprint"
          />
        </Form.Item>
        {target ? (
          <Form.Item label={t('qtiImport.place')} extra={t('qtiImport.placeHint')}>
            <Cascader
              options={placeOptions}
              value={place}
              onChange={(v) => setPlace((v ?? []).map(String))}
              allowClear
              style={{ width: '100%' }}
              placeholder={t('qtiImport.placePlaceholder')}
              data-testid="qti-import-place"
            />
          </Form.Item>
        ) : null}
      </Form>
      <FilePickButton
        accept=".zip,.xml"
        loading={importer.isPending}
        testId="qti-import-file"
        onFile={({ name, contentBase64 }) => {
          setReport(null);
          importer.mutate(
            {
              filename: name,
              contentBase64,
              ...(target ? { blueprintId: target } : {}),
              ...(target && place[0] ? { areaCode: place[0], pointCode: place[1] ?? null } : {}),
            },
            { onSuccess: setReport },
          );
        }}
      >
        {t('qtiImport.choose')}
      </FilePickButton>
      {report ? <QtiReportView report={report} onNavigate={close} /> : null}
    </Modal>
  );
}

function QtiReportView({ report, onNavigate }: { report: QtiImportReport; onNavigate: () => void }) {
  const { t } = useTranslation();
  const ok = report.stored && report.errors.length === 0;
  const nothingNew = ok && report.created === 0 && report.updated === 0;
  return (
    <div style={{ marginTop: 16 }} data-testid="qti-import-report" data-stored={String(report.stored)}>
      <Alert
        type={ok ? 'success' : 'error'}
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="qti-import-result"
        title={
          ok
            ? nothingNew
              ? t('qtiImport.unchangedAll', { count: report.unchanged })
              : t('qtiImport.stored')
            : t('qtiImport.notStored', { count: report.errors.length })
        }
        description={
          report.paperId ? (
            <Link to={`/papers/${report.paperId}`} onClick={onNavigate} data-testid="qti-import-paper">
              {t('qtiImport.openPaper')}
            </Link>
          ) : undefined
        }
      />
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col span={8}>
          <Statistic title={t('itemImport.created')} value={report.created} data-testid="qti-import-created" />
        </Col>
        <Col span={8}>
          <Statistic title={t('itemImport.updated')} value={report.updated} data-testid="qti-import-updated" />
        </Col>
        <Col span={8}>
          <Statistic title={t('itemImport.unchanged')} value={report.unchanged} data-testid="qti-import-unchanged" />
        </Col>
      </Row>
      {report.errors.length ? (
        <Table
          rowKey={(e) => `${e.file}-${e.message}`}
          size="small"
          pagination={{ pageSize: 50, hideOnSinglePage: true, size: 'small' }}
          dataSource={report.errors}
          data-testid="qti-import-errors"
          columns={[
            { key: 'file', title: t('qtiImport.file'), width: 240, render: (_, e) => <Typography.Text code>{e.file}</Typography.Text> },
            { key: 'message', title: t('itemImport.message'), render: (_, e) => e.message },
          ]}
        />
      ) : null}
    </div>
  );
}
