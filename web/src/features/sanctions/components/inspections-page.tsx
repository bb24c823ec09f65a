import type { Inspection } from '@skillcert/shared/api/sanctions';
import { App, Button, Card, Drawer, Flex, Form, Input, Modal, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/features/auth/components/current-user';
import {
  useAddItem,
  useCloseInspection,
  useCreateInspection,
  useDecideItem,
  useFindings,
  useInspections,
  useRespondItem,
} from '@/features/sanctions/api/inspections';
import { useSanctionableInstitutions } from '@/features/sanctions/api/violations';
import { ReasonButton } from '@/features/sanctions/components/violations-page';
import '@/features/sanctions/sanctions-i18n';
import { can } from '@/lib/authorization';
import { reportError } from '@/lib/error-reporting';

function CreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ institutionId: string; kind: 'planned' | 'ad_hoc'; title: string; scheduledOn?: string }>();
  const institutions = useSanctionableInstitutions(open);
  const create = useCreateInspection();
  return (
    <Modal open={open} title={t('inspections.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'planned' }}
        onFinish={(v) => create.mutate({ ...v, ...(v.scheduledOn ? {} : { scheduledOn: undefined }) }, { onError: reportError, onSuccess: onClose })}
      >
        <Form.Item name="institutionId" label={t('inspections.institution')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={(institutions.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))} />
        </Form.Item>
        <Form.Item name="title" label={t('inspections.titleField')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Space>
          <Form.Item name="kind" label={t('inspections.kind')}>
            <Select style={{ width: 180 }} options={(['planned', 'ad_hoc'] as const).map((k) => ({ value: k, label: t(`inspections.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="scheduledOn" label={t('inspections.scheduledOn')}>
            <Input type="date" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function InspectionDrawer({ inspection, onClose }: { inspection: Inspection | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const manage = can(me, 'inspection.manage');
  const respondAllowed = can(me, 'inspection.respond');
  const findings = useFindings();
  const add = useAddItem();
  const respond = useRespondItem();
  const decide = useDecideItem();
  const close = useCloseInspection();
  const [draft, setDraft] = useState<string | null>(null);
  const [item, setItem] = useState({ description: '', dueOn: '' });
  const i = inspection;
  const ok = () => void message.success(t('inspections.done'));
  return (
    <Drawer open={Boolean(i)} onClose={onClose} width={720} title={i?.title} data-testid="inspection-drawer">
      {i ? (
        <Flex vertical gap={16}>
          <Typography.Text>
            {i.institutionName} · {t(`inspections.kinds.${i.kind}`)} · <Tag>{t(`inspections.statuses.${i.status}`)}</Tag>
          </Typography.Text>
          <Card size="small" title={t('inspections.findings')}>
            {manage && i.status !== 'closed' ? (
              <Flex vertical gap={8}>
                <Input.TextArea rows={3} value={draft ?? i.findings ?? ''} onChange={(e) => setDraft(e.target.value)} />
                <Button
                  size="small"
                  disabled={!draft?.trim()}
                  onClick={() => findings.mutate({ id: i.id, findings: draft!.trim() }, { onError: reportError, onSuccess: ok })}
                >
                  {t('inspections.saveFindings')}
                </Button>
              </Flex>
            ) : (
              <Typography.Paragraph>{i.findings ?? '—'}</Typography.Paragraph>
            )}
          </Card>
          <Card
            size="small"
            title={t('inspections.items')}
            extra={
              manage && i.status !== 'closed' ? (
                <Button size="small" onClick={() => close.mutate(i.id, { onError: reportError, onSuccess: ok })}>
                  {t('inspections.close')}
                </Button>
              ) : null
            }
          >
            {i.items.map((x) => (
              <Flex key={x.id} vertical gap={4} style={{ marginBottom: 10 }} data-testid="rectification-item">
                <Space wrap>
                  <Tag color={x.status === 'accepted' ? 'green' : 'orange'}>{t(`inspections.itemStatuses.${x.status}`)}</Tag>
                  {x.overdue ? <Tag color="red">{t('inspections.overdue')}</Tag> : null}
                  <Typography.Text>{x.description}</Typography.Text>
                  <Typography.Text type="secondary">
                    {t('inspections.dueOn')} {x.dueOn}
                  </Typography.Text>
                </Space>
                {x.response ? <Typography.Text type="secondary">{x.response}</Typography.Text> : null}
                {x.returnReason && x.status === 'open' ? <Typography.Text type="danger">{x.returnReason}</Typography.Text> : null}
                <Space>
                  {respondAllowed && x.status === 'open' ? (
                    <ReasonButton
                      label={t('inspections.respond')}
                      title={t('inspections.respond')}
                      testId="item-respond"
                      loading={respond.isPending}
                      run={(response, after) => respond.mutate({ id: i.id, itemId: x.id, response }, { onError: reportError, onSuccess: after })}
                    />
                  ) : null}
                  {manage && x.status === 'responded' ? (
                    <>
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => decide.mutate({ id: i.id, itemId: x.id, accept: true }, { onError: reportError, onSuccess: ok })}
                      >
                        {t('inspections.accept')}
                      </Button>
                      <ReasonButton
                        label={t('inspections.giveBack')}
                        title={t('inspections.giveBack')}
                        testId="item-return"
                        loading={decide.isPending}
                        run={(reason, after) => decide.mutate({ id: i.id, itemId: x.id, accept: false, reason }, { onError: reportError, onSuccess: after })}
                      />
                    </>
                  ) : null}
                </Space>
              </Flex>
            ))}
            {manage && i.status !== 'closed' ? (
              <Space wrap>
                <Input
                  placeholder={t('inspections.itemDescription')}
                  value={item.description}
                  onChange={(e) => setItem({ ...item, description: e.target.value })}
                  style={{ width: 320 }}
                />
                <Input type="date" value={item.dueOn} onChange={(e) => setItem({ ...item, dueOn: e.target.value })} />
                <Button
                  size="small"
                  disabled={!item.description.trim() || !item.dueOn}
                  onClick={() =>
                    add.mutate(
                      { id: i.id, description: item.description.trim(), dueOn: item.dueOn },
                      { onError: reportError, onSuccess: () => setItem({ description: '', dueOn: '' }) },
                    )
                  }
                >
                  {t('inspections.addItem')}
                </Button>
              </Space>
            ) : null}
          </Card>
        </Flex>
      ) : null}
    </Drawer>
  );
}

/** 检查与整改: HR bureaus and supervisors plan and run inspections; the institution answers its 整改 items. */
export function InspectionsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useInspections(page);
  const open = list.data?.items.find((i) => i.id === openId) ?? null;
  const columns: TableColumnsType<Inspection> = [
    { title: t('inspections.titleField'), dataIndex: 'title' },
    { title: t('inspections.institution'), dataIndex: 'institutionName' },
    { title: t('inspections.kind'), dataIndex: 'kind', render: (k: Inspection['kind']) => t(`inspections.kinds.${k}`) },
    { title: t('inspections.scheduledOn'), dataIndex: 'scheduledOn' },
    {
      title: t('inspections.status'),
      dataIndex: 'status',
      render: (_: unknown, r) => (
        <Space>
          <Tag>{t(`inspections.statuses.${r.status}`)}</Tag>
          {r.openItems ? <Tag color="orange">{`${t('inspections.openItems')} ${r.openItems}`}</Tag> : null}
        </Space>
      ),
    },
  ];
  return (
    <Card
      title={t('inspections.title')}
      extra={
        can(me, 'inspection.manage') ? (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="inspection-new">
            {t('inspections.new')}
          </Button>
        ) : null
      }
    >
      <Table
        rowKey="id"
        size="small"
        data-testid="inspections-table"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('inspections.empty') }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
      <CreateModal open={creating} onClose={() => setCreating(false)} />
      <InspectionDrawer inspection={open} onClose={() => setOpenId(null)} />
    </Card>
  );
}
