import type { Spec } from '@skillcert/shared/api/specs';
import { App, Form, Input, Modal, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDecideSpec } from '@/features/specs/api/decide-spec';
import { isStale } from '@/lib/api-errors';

interface Values {
  decision: 'file' | 'return';
  note?: string;
}

/** HR files the 评价规范 or returns it (a note is required to return). */
export function SpecDecisionModal({ spec, onClose }: { spec: Spec | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const decide = useDecideSpec();
  const decision = Form.useWatch('decision', form);
  return (
    <Modal
      open={spec !== null}
      title={t('specs.decision.title')}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: decide.isPending, 'data-testid': 'spec-decision-confirm' }}
      cancelText={t('common.cancel')}
    >
      {spec ? <Typography.Paragraph strong>{spec.title}</Typography.Paragraph> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ decision: 'file' }}
        disabled={decide.isPending}
        onFinish={(v) => {
          if (!spec) return;
          const note = v.note?.trim();
          decide.mutate(
            { id: spec.id, body: { decision: v.decision, ...(note ? { note } : {}) } },
            {
              onSuccess: () => {
                void message.success(t('specs.decided'));
                onClose();
              },
              onError: (error) => {
                if (isStale(error)) onClose();
              },
            },
          );
        }}
      >
        <Form.Item name="decision" label={t('specs.decision.decision')}>
          <Radio.Group
            data-testid="spec-decision"
            options={[
              { value: 'file', label: t('specs.decision.file') },
              { value: 'return', label: t('specs.decision.return') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('specs.decision.note')}
          rules={[...(decision === 'return' ? [{ required: true, whitespace: true, message: t('specs.decision.noteRequired') }] : []), { max: 2000 }]}
        >
          <Input.TextArea rows={3} data-testid="spec-decision-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
