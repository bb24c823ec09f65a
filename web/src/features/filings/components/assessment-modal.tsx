import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FilingDetail, FilingStatus } from '@skillcert/shared/api/filings';
import { App, Button, Col, Divider, Flex, Form, Input, InputNumber, Modal, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useTransitionFiling } from '@/features/filings/api/transition-filing';
import { usePolicy } from '@/features/policies/api/get-policy';
import { isStale } from '@/lib/api-errors';

interface SheetValues {
  panel?: { name?: string; organisation?: string }[];
  scores?: { criterion?: string; maxScore?: number; score?: number }[];
  reason?: string;
}

/** Total normalised to 100, as the server computes it (scoreAssessment). */
export function sheetTotal(scores: SheetValues['scores']): number {
  const rows = scores ?? [];
  const max = rows.reduce((a, s) => a + (s?.maxScore ?? 0), 0);
  const got = rows.reduce((a, s) => a + (s?.score ?? 0), 0);
  return max === 0 ? 0 : Math.round((got / max) * 1000) / 10;
}

interface AssessmentModalProps {
  filing: { id: string; status: FilingStatus; profileId: string };
  open: boolean;
  onClose: () => void;
  onDone: (filing: FilingDetail) => void;
  onStale: () => void;
}

/** The technical assessment panel's score sheet (action `assess`): panel members, criteria with max and score, the total and pass. */
export function AssessmentModal({ filing, open, onClose, onDone, onStale }: AssessmentModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const profile = usePolicy(filing.profileId);
  const [form] = Form.useForm<SheetValues>();
  const transition = useTransitionFiling();
  const scores = Form.useWatch('scores', form);
  const total = sheetTotal(scores);
  const passScore = profile.data?.techAssessmentPassScore.value ?? 60;
  const passed = total >= passScore;

  const initial: SheetValues = {
    panel: [{ name: me.displayName, organisation: me.organisation.name }],
    scores: t('filings.assessment.defaultCriteria')
      .split(',')
      .map((criterion) => ({ criterion, maxScore: 20, score: undefined })),
  };

  const onFinish = (v: SheetValues) => {
    const reason = v.reason?.trim();
    transition.mutate(
      {
        id: filing.id,
        body: {
          action: 'assess',
          expectedStatus: filing.status,
          assessment: {
            panel: (v.panel ?? []).map((p) => ({ name: (p.name ?? '').trim(), organisation: (p.organisation ?? '').trim() })),
            scores: (v.scores ?? []).map((s) => ({ criterion: (s.criterion ?? '').trim(), maxScore: s.maxScore ?? 0, score: s.score ?? 0 })),
          },
          ...(reason ? { reason } : {}),
        },
      },
      {
        onSuccess: (updated) => {
          void message.success(t('filings.actionDone', { action: t('filingActions.assess') }));
          onDone(updated);
        },
        onError: (error) => {
          if (isStale(error)) {
            onClose();
            onStale();
          }
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      width={820}
      title={t('filings.assessment.title')}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('filings.actionModal.confirm', { action: t('filingActions.assess') })}
      okButtonProps={{ loading: transition.isPending, 'data-testid': 'filing-action-confirm' }}
      cancelText={t('common.cancel')}
      data-testid="assessment-modal"
    >
      <Form<SheetValues> form={form} layout="vertical" initialValues={initial} disabled={transition.isPending} onFinish={onFinish} preserve={false}>
        <Typography.Title level={5}>{t('filings.assessment.panel')}</Typography.Title>
        <Form.List name="panel">
          {(fields, { add, remove }) => (
            <Flex vertical>
              {fields.map((field, index) => (
                <Row key={field.key} gutter={8}>
                  <Col span={8}>
                    <Form.Item
                      name={[field.name, 'name']}
                      rules={[{ required: true, whitespace: true, message: t('filings.assessment.required') }, { max: 50 }]}
                      style={{ marginBottom: 8 }}
                    >
                      <Input placeholder={t('filings.assessment.panelName')} data-testid={`assessment-panel-name-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col span={14}>
                    <Form.Item
                      name={[field.name, 'organisation']}
                      rules={[{ required: true, whitespace: true, message: t('filings.assessment.required') }, { max: 100 }]}
                      style={{ marginBottom: 8 }}
                    >
                      <Input placeholder={t('filings.assessment.panelOrg')} data-testid={`assessment-panel-org-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      disabled={fields.length <= 1}
                      onClick={() => remove(field.name)}
                      aria-label={t('common.delete')}
                    />
                  </Col>
                </Row>
              ))}
              <div>
                <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({})} data-testid="assessment-panel-add">
                  {t('filings.assessment.addMember')}
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
        <Divider />
        <Typography.Title level={5}>{t('filings.assessment.criteria')}</Typography.Title>
        <Row gutter={8} style={{ marginBottom: 4 }}>
          <Col span={14}>
            <Typography.Text type="secondary">{t('filings.assessment.criterion')}</Typography.Text>
          </Col>
          <Col span={4}>
            <Typography.Text type="secondary">{t('filings.assessment.maxScore')}</Typography.Text>
          </Col>
          <Col span={4}>
            <Typography.Text type="secondary">{t('filings.assessment.score')}</Typography.Text>
          </Col>
        </Row>
        <Form.List name="scores">
          {(fields, { add, remove }) => (
            <Flex vertical>
              {fields.map((field, index) => (
                <Row key={field.key} gutter={8}>
                  <Col span={14}>
                    <Form.Item
                      name={[field.name, 'criterion']}
                      rules={[{ required: true, whitespace: true, message: t('filings.assessment.required') }, { max: 100 }]}
                      style={{ marginBottom: 8 }}
                    >
                      <Input data-testid={`assessment-criterion-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item
                      name={[field.name, 'maxScore']}
                      rules={[{ required: true, message: t('filings.assessment.required') }]}
                      style={{ marginBottom: 8 }}
                    >
                      <InputNumber min={1} max={100} style={{ width: '100%' }} data-testid={`assessment-max-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item
                      name={[field.name, 'score']}
                      dependencies={[['scores', field.name, 'maxScore']]}
                      rules={[
                        { required: true, message: t('filings.assessment.required') },
                        ({ getFieldValue }) => ({
                          validator: async (_r, value: number | undefined) => {
                            const max = getFieldValue(['scores', field.name, 'maxScore']) as number | undefined;
                            if (value !== undefined && max !== undefined && value > max) throw new Error(t('filings.assessment.scoreAboveMax'));
                          },
                        }),
                      ]}
                      style={{ marginBottom: 8 }}
                    >
                      <InputNumber min={0} max={100} style={{ width: '100%' }} data-testid={`assessment-score-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      disabled={fields.length <= 1}
                      onClick={() => remove(field.name)}
                      aria-label={t('common.delete')}
                    />
                  </Col>
                </Row>
              ))}
              <div>
                <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ maxScore: 20 })} data-testid="assessment-criterion-add">
                  {t('filings.assessment.addCriterion')}
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
        <Flex align="center" gap={12} style={{ margin: '16px 0' }}>
          <Typography.Text strong data-testid="assessment-total">
            {t('filings.assessment.total', { total })}
          </Typography.Text>
          <Tag color={passed ? 'success' : 'error'} data-testid="assessment-pass" data-passed={String(passed)}>
            {passed ? t('filings.assessment.passed') : t('filings.assessment.failed')}
          </Tag>
          <Typography.Text type="secondary">{t('filings.assessment.passLine', { score: passScore })}</Typography.Text>
        </Flex>
        <Form.Item name="reason" label={t('filings.actionModal.reasonOptional')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} data-testid="assessment-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
