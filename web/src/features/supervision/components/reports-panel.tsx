import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { InspectionReport } from '@skillcert/shared/api/supervision';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Image, Input, Modal, Select, Skeleton, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadErrorResult } from '@/components/status-result';
import { useUploadAttachment } from '@/features/attachments/api/upload-attachment';
import { usePlan } from '@/features/plans/api/get-plan';
import { useFileReport } from '@/features/supervision/api/file-report';
import { reportPhotoUrl, useReports } from '@/features/supervision/api/get-reports';
import { reportError } from '@/lib/error-reporting';
import { formatBytes, readFileAsBase64 } from '@/lib/files';
import { formatDateTime } from '@/lib/format';
import { applyFieldIssues } from '@/lib/form';

/** The server's bound (supervision.rules MAX_PHOTO_BYTES) and its limit of photos per report. */
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const MAX_PHOTOS = 12;
const IMAGE_TYPES = ['image/jpeg', 'image/png'];

/** 督导报告 of a plan, newest first; an assigned supervisor files new ones and corrections. */
export function ReportsPanel({ planId, mayFile }: { planId: string; mayFile: boolean }) {
  const { t } = useTranslation();
  const reports = useReports(planId);
  const [form, setForm] = useState<{ corrects: InspectionReport | null } | null>(null);
  if (reports.isPending) return <Skeleton active />;
  if (reports.isError) return <LoadErrorResult error={reports.error} onRetry={() => void reports.refetch()} />;
  const items = reports.data.items;
  return (
    <Flex vertical gap={16}>
      {mayFile ? (
        <Flex>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ corrects: null })} data-testid="report-new">
            {t('supervision.report.new')}
          </Button>
        </Flex>
      ) : null}
      {items.length === 0 ? <Empty description={t('supervision.report.empty')} /> : null}
      {items.map((r) => (
        <ReportCard key={r.id} planId={planId} report={r} onCorrect={mayFile && !r.correctedById ? () => setForm({ corrects: r }) : undefined} />
      ))}
      {form ? <ReportForm planId={planId} corrects={form.corrects} onClose={() => setForm(null)} /> : null}
    </Flex>
  );
}

function ReportCard({ planId, report, onCorrect }: { planId: string; report: InspectionReport; onCorrect: (() => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid="inspection-report"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{report.sittingLabel ?? t('supervision.report.wholePlan')}</span>
          {report.correctsId ? <Tag color="blue">{t('supervision.report.correction')}</Tag> : null}
          {report.correctedById ? <Tag color="default">{t('supervision.report.superseded')}</Tag> : null}
        </Flex>
      }
      extra={
        onCorrect ? (
          <Button size="small" onClick={onCorrect} data-testid="report-correct">
            {t('supervision.report.correct')}
          </Button>
        ) : null
      }
      style={report.correctedById ? { opacity: 0.7 } : undefined}
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'by', label: t('supervision.report.by'), children: report.supervisor.displayName },
          { key: 'at', label: t('supervision.report.at'), children: formatDateTime(report.createdAt) },
          {
            key: 'findings',
            label: t('supervision.report.findings'),
            children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{report.findings}</Typography.Paragraph>,
          },
          {
            key: 'irregularities',
            label: t('supervision.report.irregularities'),
            children: report.irregularities.length ? (
              <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid="report-irregularities">
                {report.irregularities.map((x, i) => (
                  <li key={`${i}-${x}`}>{x}</li>
                ))}
              </ol>
            ) : (
              t('supervision.report.none')
            ),
          },
          ...(report.photos.length
            ? [
                {
                  key: 'photos',
                  label: t('supervision.report.photos'),
                  children: (
                    <Image.PreviewGroup>
                      <Space wrap>
                        {report.photos.map((p) => (
                          <Image
                            key={p.id}
                            width={96}
                            height={72}
                            style={{ objectFit: 'cover' }}
                            src={reportPhotoUrl(planId, report.id, p.id)}
                            alt={p.filename}
                          />
                        ))}
                      </Space>
                    </Image.PreviewGroup>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

interface FormValues {
  sittingId?: string;
  findings: string;
  irregularities?: string[];
}

function ReportForm({ planId, corrects, onClose }: { planId: string; corrects: InspectionReport | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const plan = usePlan(planId);
  const upload = useUploadAttachment();
  const file = useFileReport(planId);
  const [photos, setPhotos] = useState<{ id: string; filename: string; size: number }[]>([]);
  const sittings = (plan.data?.parts ?? []).flatMap((p) =>
    p.sittings.map((s) => ({ value: s.id, label: `${s.date} ${s.startTime}–${s.endTime} ${s.site} ${s.room}` })),
  );

  const addPhoto = async (f: File) => {
    if (!IMAGE_TYPES.includes(f.type)) return void message.error(t('supervision.report.notImage'));
    if (f.size > MAX_PHOTO_BYTES) return void message.error(t('supervision.report.tooLarge'));
    try {
      const contentBase64 = await readFileAsBase64(f);
      const a = await upload.mutateAsync({ filename: f.name, mimeType: f.type, contentBase64 });
      setPhotos((prev) => [...prev, { id: a.id, filename: a.filename, size: a.size }].slice(0, MAX_PHOTOS));
    } catch (e) {
      reportError(e);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={corrects ? t('supervision.report.correctionOf', { time: formatDateTime(corrects.createdAt) }) : t('supervision.report.new')}
      okText={t('supervision.report.submit')}
      okButtonProps={{ 'data-testid': 'report-submit', disabled: upload.isPending }}
      confirmLoading={file.isPending}
      onCancel={onClose}
      destroyOnHidden
      onOk={() =>
        void form.validateFields().then((v) => {
          file.mutate(
            {
              ...(v.sittingId ? { sittingId: v.sittingId } : {}),
              findings: v.findings,
              irregularities: (v.irregularities ?? []).map((x) => x.trim()).filter((x) => x !== ''),
              photoIds: photos.map((p) => p.id),
              ...(corrects ? { correctsId: corrects.id } : {}),
            },
            {
              onSuccess: () => {
                void message.success(t('supervision.report.filed'));
                onClose();
              },
              onError: (e) => {
                if (!applyFieldIssues(form, e)) reportError(e);
              },
            },
          );
        })
      }
    >
      <Alert type="info" showIcon message={t('supervision.report.immutable')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        initialValues={
          corrects
            ? { sittingId: corrects.sittingId ?? undefined, findings: corrects.findings, irregularities: corrects.irregularities }
            : { irregularities: [] }
        }
      >
        <Form.Item name="sittingId" label={t('supervision.report.scope')}>
          <Select allowClear placeholder={t('supervision.report.wholePlan')} options={sittings} loading={plan.isPending} data-testid="report-scope" />
        </Form.Item>
        <Form.Item
          name="findings"
          label={t('supervision.report.findings')}
          extra={t('supervision.report.findingsHint')}
          rules={[{ required: true, whitespace: true, max: 10_000 }]}
        >
          <Input.TextArea rows={5} maxLength={10_000} data-testid="report-findings" />
        </Form.Item>
        <Form.Item label={t('supervision.report.irregularities')}>
          <Form.List name="irregularities">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8}>
                    <Form.Item name={field.name} noStyle rules={[{ max: 500 }]}>
                      <Input placeholder={t('supervision.report.irregularity')} maxLength={500} data-testid="report-irregularity" />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="remove" />
                  </Flex>
                ))}
                {fields.length < 50 ? (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} data-testid="report-add-irregularity">
                    {t('supervision.report.addIrregularity')}
                  </Button>
                ) : null}
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item label={t('supervision.report.photos')} extra={t('supervision.report.photosHint')}>
          <Flex vertical gap={8}>
            <span data-testid="report-photo-upload">
              <Upload
                accept="image/jpeg,image/png"
                multiple
                showUploadList={false}
                disabled={photos.length >= MAX_PHOTOS}
                beforeUpload={(f) => {
                  void addPhoto(f);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={upload.isPending}>
                  {t('supervision.report.upload')}
                </Button>
              </Upload>
            </span>
            {photos.map((p) => (
              <Flex key={p.id} gap={8} align="center" data-testid="report-photo">
                <span>
                  {p.filename}（{formatBytes(p.size)}）
                </span>
                <Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => setPhotos((prev) => prev.filter((x) => x.id !== p.id))} />
              </Flex>
            ))}
          </Flex>
        </Form.Item>
      </Form>
    </Modal>
  );
}
