import { Alert, App, Button, Drawer, Flex, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { AttachmentsField } from '@/features/attachments/components/attachments-field';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useOrganisation } from '@/features/organisations/api/get-organisation';
import { useCreateProposal } from '@/features/proposals/api/create-proposal';
import { applyFieldIssues } from '@/lib/form';

interface FormValues {
  name: string;
  majorCode: string;
  standard: string;
  outline: string;
  attachmentIds?: string[];
}

/** A school proposes a 专项职业能力 item for one of its majors that maps to no occupation. */
export function ProposalFormDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const org = useOrganisation(me.organisation.id);
  const [form] = Form.useForm<FormValues>();
  const create = useCreateProposal();
  const majors = org.data?.majors ?? [];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={620}
      destroyOnHidden
      title={t('proposals.createTitle')}
      data-testid="proposal-drawer"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="proposal-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {org.data && majors.length === 0 ? <Alert type="warning" showIcon title={t('proposals.form.majorsEmpty')} style={{ marginBottom: 16 }} /> : null}
      <Form<FormValues>
        form={form}
        layout="vertical"
        disabled={create.isPending}
        initialValues={{ attachmentIds: [] }}
        onFinish={(v) =>
          create.mutate(
            {
              name: v.name.trim(),
              majorCode: v.majorCode,
              standard: v.standard.trim(),
              outline: v.outline.trim(),
              attachmentId: v.attachmentIds?.[0] ?? null,
            },
            {
              onSuccess: () => {
                void message.success(t('proposals.created'));
                onClose();
              },
              onError: (error) => applyFieldIssues(form, error),
            },
          )
        }
      >
        <Form.Item
          name="name"
          label={t('proposals.fields.name')}
          rules={[{ required: true, whitespace: true, min: 2, max: 100, message: t('proposals.form.nameRequired') }]}
        >
          <Input data-testid="proposal-name" />
        </Form.Item>
        <Form.Item name="majorCode" label={t('proposals.fields.major')} rules={[{ required: true, message: t('proposals.form.majorRequired') }]}>
          <Select<string>
            loading={org.isPending}
            options={majors.map((m) => ({ value: m.code, label: t('common.nameWithCode', { name: m.name, code: m.code }) }))}
            data-testid="proposal-major"
          />
        </Form.Item>
        <Form.Item
          name="standard"
          label={t('proposals.fields.standard')}
          rules={[{ required: true, whitespace: true, min: 10, max: 20000, message: t('proposals.form.standardRequired') }]}
        >
          <Input.TextArea rows={5} data-testid="proposal-standard" />
        </Form.Item>
        <Form.Item
          name="outline"
          label={t('proposals.fields.outline')}
          rules={[{ required: true, whitespace: true, min: 10, max: 20000, message: t('proposals.form.outlineRequired') }]}
        >
          <Input.TextArea rows={5} data-testid="proposal-outline" />
        </Form.Item>
        <Form.Item name="attachmentIds" label={t('proposals.fields.attachment')}>
          <AttachmentsField single testId="proposal-attachment" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
