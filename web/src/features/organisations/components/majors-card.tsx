import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Major, MajorBody } from '@skillcert/shared/api/organisations';
import { MajorBody as MajorSchema } from '@skillcert/shared/api/organisations';
import { App, Button, Card, Form, Input, Popconfirm, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAddMajor } from '@/features/organisations/api/add-major';
import { useRemoveMajor } from '@/features/organisations/api/remove-major';
import { applyFieldIssues, schemaRule } from '@/lib/form';

interface MajorsCardProps {
  orgId: string;
  majors: Major[];
  editable: boolean;
}

/** A school's majors (职业教育专业目录 codes): listed, added and removed by those who may edit them. */
export function MajorsCard({ orgId, majors, editable }: MajorsCardProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MajorBody>();
  const add = useAddMajor();
  const remove = useRemoveMajor();

  const columns: TableColumnsType<Major> = [
    { key: 'code', title: t('majors.code'), width: 140, render: (_, m) => m.code },
    { key: 'name', title: t('majors.name'), render: (_, m) => m.name },
  ];
  if (editable) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      render: (_, m) => (
        <Popconfirm
          title={t('majors.removeConfirm', { name: m.name })}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            remove.mutateAsync({ orgId, majorId: m.id }).then(
              () => void message.success(t('majors.removed')),
              () => undefined,
            )
          }
        >
          <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="major-remove">
            {t('common.delete')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <Card title={t('majors.title')} data-testid="majors-card">
      {editable ? (
        <Form<MajorBody>
          form={form}
          layout="inline"
          style={{ marginBottom: 16, rowGap: 8 }}
          disabled={add.isPending}
          onFinish={(body) =>
            add.mutate(
              { orgId, body: { code: body.code.trim(), name: body.name.trim() } },
              {
                onSuccess: () => {
                  form.resetFields();
                  void message.success(t('majors.added'));
                },
                onError: (error) => applyFieldIssues(form, error),
              },
            )
          }
        >
          <Form.Item name="code" rules={[{ required: true, message: t('majors.codeRequired') }, schemaRule(MajorSchema.shape.code, t('majors.codeFormat'))]}>
            <Input placeholder={t('majors.code')} maxLength={6} style={{ width: 140 }} data-testid="major-code" />
          </Form.Item>
          <Form.Item
            name="name"
            rules={[
              { required: true, whitespace: true, message: t('majors.nameRequired') },
              { max: 100, message: t('majors.nameLength') },
            ]}
          >
            <Input placeholder={t('majors.name')} style={{ width: 240 }} data-testid="major-name" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending} data-testid="major-add">
              {t('majors.add')}
            </Button>
          </Form.Item>
        </Form>
      ) : null}
      <Table<Major>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={majors}
        pagination={false}
        locale={{ emptyText: t('majors.empty') }}
        data-testid="majors-table"
      />
    </Card>
  );
}
