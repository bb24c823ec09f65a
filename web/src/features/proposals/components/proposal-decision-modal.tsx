import type { Proposal } from '@skillcert/shared/api/specs';
import { App, Form, Input, Modal, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDecideProposal } from '@/features/proposals/api/decide-proposal';
import { isStale } from '@/lib/api-errors';

type Decision = 'approve' | 'return' | 'reject';

interface Values {
  decision: Decision;
  code?: string;
  note?: string;
}

/** HR approves (with the catalog code it gives the item), returns or rejects (a note is required for those). */
export function ProposalDecisionModal({ proposal, onClose }: { proposal: Proposal | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const decide = useDecideProposal();
  const decision = Form.useWatch('decision', form);
  return (
    <Modal
      open={proposal !== null}
      title={t('proposals.decision.title')}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: decide.isPending, danger: decision === 'reject', 'data-testid': 'proposal-decision-confirm' }}
      cancelText={t('common.cancel')}
    >
      {proposal ? <Typography.Paragraph strong>{proposal.name}</Typography.Paragraph> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ decision: 'approve' }}
        disabled={decide.isPending}
        onFinish={(v) => {
          if (!proposal) return;
          const note = v.note?.trim();
          const code = v.code?.trim();
          decide.mutate(
            { id: proposal.id, body: { decision: v.decision, ...(note ? { note } : {}), ...(v.decision === 'approve' && code ? { code } : {}) } },
            {
              onSuccess: () => {
                void message.success(t('proposals.decided'));
                onClose();
              },
              onError: (error) => {
                if (isStale(error)) onClose();
              },
            },
          );
        }}
      >
        <Form.Item name="decision" label={t('proposals.decision.decision')}>
          <Radio.Group
            data-testid="proposal-decision"
            options={[
              { value: 'approve', label: t('proposals.decision.approve') },
              { value: 'return', label: t('proposals.decision.return') },
              { value: 'reject', label: t('proposals.decision.reject') },
            ]}
          />
        </Form.Item>
        {decision === 'approve' ? (
          <Form.Item name="code" label={t('proposals.decision.code')} rules={[{ max: 30 }]}>
            <Input data-testid="proposal-decision-code" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="note"
          label={t('proposals.decision.note')}
          rules={[
            ...(decision && decision !== 'approve' ? [{ required: true, whitespace: true, message: t('proposals.decision.noteRequired') }] : []),
            { max: 2000 },
          ]}
        >
          <Input.TextArea rows={3} data-testid="proposal-decision-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
