import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSetPriorVolume } from '@/features/institutions/api/set-prior-volume';
import { applyFieldIssues } from '@/lib/form';

interface Values {
  priorEvaluated: number;
  source: string;
}

/** HR records candidates evaluated before the platform, with the figure's source (counts towards R4's volume). */
export function PriorVolumeModal({ institutionId, current, open, onClose }: { institutionId: string; current: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSetPriorVolume();
  return (
    <Modal
      open={open}
      title={t('institutions.priorVolume.title')}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'prior-volume-submit' }}
      cancelText={t('common.cancel')}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ priorEvaluated: current }}
        disabled={save.isPending}
        onFinish={(v) =>
          save.mutate(
            { id: institutionId, body: { priorEvaluated: v.priorEvaluated, source: v.source.trim() } },
            {
              onSuccess: () => {
                void message.success(t('institutions.priorVolume.saved'));
                onClose();
              },
              onError: (error) => applyFieldIssues(form, error),
            },
          )
        }
      >
        <Form.Item
          name="priorEvaluated"
          label={t('institutions.priorVolume.count')}
          rules={[{ required: true, message: t('institutions.priorVolume.countRequired') }]}
        >
          <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 200 }} data-testid="prior-volume-count" />
        </Form.Item>
        <Form.Item
          name="source"
          label={t('institutions.priorVolume.source')}
          rules={[{ required: true, whitespace: true, message: t('institutions.priorVolume.sourceRequired') }, { max: 200 }]}
        >
          <Input placeholder={t('institutions.priorVolume.sourcePlaceholder')} data-testid="prior-volume-source" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
