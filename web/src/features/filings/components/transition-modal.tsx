import type { FilingAction, FilingDetail, FilingStatus } from '@skillcert/shared/api/filings';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AttachmentsField } from '@/features/attachments/components/attachments-field';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useTransitionFiling } from '@/features/filings/api/transition-filing';
import { isStale } from '@/lib/api-errors';
import { can } from '@/lib/authorization';
import { ApiError } from '@/lib/http';

/** Actions the server refuses without a reason (FILING.REASON_REQUIRED). */
export const REASON_REQUIRED: ReadonlySet<FilingAction> = new Set(['return', 'reject', 'suspend', 'reinstate', 'revoke']);

interface TransitionModalProps {
  filing: { id: string; status: FilingStatus };
  /** The action to confirm; null = closed. `assess` has its own score-sheet modal. */
  action: FilingAction | null;
  onClose: () => void;
  onDone: (filing: FilingDetail) => void;
  /** 409: someone else moved it first — the page refetches and says so. */
  onStale: () => void;
  /** 422 FILING.NOT_ELIGIBLE (approve and list re-check R1/R3/R4). */
  onRefused: (error: ApiError) => void;
}

/** Confirms one step of the workflow: a reason where required (return, reject, suspend …), optional documents. */
export function TransitionModal({ filing, action, onClose, onDone, onStale, onRefused }: TransitionModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<{ reason?: string; attachmentIds?: string[] }>();
  const transition = useTransitionFiling();
  const needsReason = action !== null && REASON_REQUIRED.has(action);
  const actionText = action ? t(`filingActions.${action}`) : '';

  const onFinish = (v: { reason?: string; attachmentIds?: string[] }) => {
    if (!action) return;
    const reason = v.reason?.trim();
    transition.mutate(
      {
        id: filing.id,
        body: {
          action,
          expectedStatus: filing.status,
          ...(reason ? { reason } : {}),
          ...(v.attachmentIds?.length ? { attachmentIds: v.attachmentIds } : {}),
        },
      },
      {
        onSuccess: (updated) => {
          void message.success(t('filings.actionDone', { action: actionText }));
          form.resetFields();
          onDone(updated);
        },
        onError: (error) => {
          if (isStale(error)) {
            onClose();
            onStale();
          } else if (error instanceof ApiError && error.code === 'FILING.NOT_ELIGIBLE') {
            onClose();
            onRefused(error);
          }
        },
      },
    );
  };

  return (
    <Modal
      open={action !== null}
      title={t('filings.actionModal.title', { action: actionText })}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('filings.actionModal.confirm', { action: actionText })}
      okButtonProps={{ loading: transition.isPending, danger: action === 'reject' || action === 'revoke', 'data-testid': 'filing-action-confirm' }}
      cancelText={t('common.cancel')}
      data-testid="filing-action-modal"
    >
      <Form form={form} layout="vertical" disabled={transition.isPending} onFinish={onFinish} preserve={false}>
        {action && !needsReason ? <Typography.Paragraph type="secondary">{t('filings.confirmHint', { action: actionText })}</Typography.Paragraph> : null}
        <Form.Item
          name="reason"
          label={needsReason ? t('filings.actionModal.reason') : t('filings.actionModal.reasonOptional')}
          rules={[...(needsReason ? [{ required: true, whitespace: true, message: t('filings.actionModal.reasonRequired') }] : []), { max: 2000 }]}
        >
          <Input.TextArea rows={4} data-testid="filing-action-reason" />
        </Form.Item>
        {can(me, 'attachment.upload') ? (
          <Form.Item name="attachmentIds" label={t('filings.actionModal.attachments')}>
            <AttachmentsField testId="filing-action-attachments" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
