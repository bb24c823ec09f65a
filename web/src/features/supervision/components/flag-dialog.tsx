import { App, Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRaiseFlag } from '@/features/supervision/api/raise-flag';
import { reportError } from '@/lib/error-reporting';

/** What a supervisor flags: a candidate (enrolment) or a room (sitting), with its label for the dialog. */
export type FlagTarget = { kind: 'candidate'; enrolmentId: string; label: string } | { kind: 'room'; sittingId: string; label: string };

/** A supervisor flags a candidate or a room with a reason; the flag holds clearance until the institution resolves it. */
export function FlagDialog({ planId, target, onClose }: { planId: string; target: FlagTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const raise = useRaiseFlag(planId);
  useEffect(() => {
    if (target) form.resetFields();
  }, [target, form]);
  return (
    <Modal
      open={target !== null}
      title={`${t('supervision.flags.raise')} · ${target ? t(`supervision.flags.${target.kind}`) : ''}`}
      okText={t('supervision.flags.raise')}
      okButtonProps={{ danger: true, 'data-testid': 'flag-dialog-ok' }}
      confirmLoading={raise.isPending}
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then(({ reason }) => {
          if (!target) return;
          const body = target.kind === 'candidate' ? { enrolmentId: target.enrolmentId, reason } : { sittingId: target.sittingId, reason };
          raise.mutate(body, {
            onSuccess: () => {
              void message.success(t('supervision.flags.raised'));
              onClose();
            },
            onError: reportError,
          });
        })
      }
      destroyOnHidden
    >
      <Typography.Paragraph strong data-testid="flag-dialog-target">
        {target?.label}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('supervision.flags.reason')}
          extra={t('supervision.flags.reasonHint')}
          rules={[{ required: true, whitespace: true, max: 2000 }]}
        >
          <Input.TextArea rows={4} maxLength={2000} data-testid="flag-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
