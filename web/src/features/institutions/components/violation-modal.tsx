import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRecordViolation } from '@/features/institutions/api/record-violation';
import { applyFieldIssues } from '@/lib/form';

type Severity = 'minor' | 'serious' | 'grave';
const SEVERITIES: Severity[] = ['minor', 'serious', 'grave'];

interface Values {
  type: string;
  severity: Severity;
  description: string;
}

/** HR records a violation against an institution (it blocks 增设 for the rest of the filing period, R4). */
export function ViolationModal({ institutionId, open, onClose }: { institutionId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const record = useRecordViolation();
  return (
    <Modal
      open={open}
      title={t('institutions.violations.record')}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: record.isPending, danger: true, 'data-testid': 'violation-submit' }}
      cancelText={t('common.cancel')}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ severity: 'minor' }}
        disabled={record.isPending}
        onFinish={(v) =>
          record.mutate(
            { id: institutionId, body: { type: v.type.trim(), severity: v.severity, description: v.description.trim() } },
            {
              onSuccess: () => {
                void message.success(t('institutions.violations.recorded'));
                onClose();
              },
              onError: (error) => applyFieldIssues(form, error),
            },
          )
        }
      >
        <Form.Item
          name="type"
          label={t('institutions.violations.type')}
          rules={[{ required: true, whitespace: true, message: t('institutions.violations.typeRequired') }, { max: 50 }]}
        >
          <Input placeholder={t('institutions.violations.typePlaceholder')} data-testid="violation-type" />
        </Form.Item>
        <Form.Item name="severity" label={t('institutions.violations.severity')} rules={[{ required: true }]}>
          <Select<Severity> options={SEVERITIES.map((s) => ({ value: s, label: t(`severities.${s}`) }))} data-testid="violation-severity" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('institutions.violations.description')}
          rules={[{ required: true, whitespace: true, message: t('institutions.violations.descriptionRequired') }, { max: 2000 }]}
        >
          <Input.TextArea rows={4} data-testid="violation-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
