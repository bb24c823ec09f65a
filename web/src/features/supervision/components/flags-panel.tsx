import type { SupervisionFlag } from '@skillcert/shared/api/supervision';
import { App, Button, Empty, Form, Input, Modal, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadErrorResult } from '@/components/status-result';
import { useFlags } from '@/features/supervision/api/get-flags';
import { useResolveFlag } from '@/features/supervision/api/resolve-flag';
import { reportError } from '@/lib/error-reporting';
import { formatDateTime } from '@/lib/format';

/** Flags on candidates and rooms; the institution resolves an open one with a resolution text. */
export function FlagsPanel({ planId, mayResolve }: { planId: string; mayResolve: boolean }) {
  const { t } = useTranslation();
  const flags = useFlags(planId);
  const [resolving, setResolving] = useState<SupervisionFlag | null>(null);
  if (flags.isPending) return <Skeleton active />;
  if (flags.isError) return <LoadErrorResult error={flags.error} onRetry={() => void flags.refetch()} />;
  const items = flags.data.items;
  if (items.length === 0) return <Empty description={t('supervision.flags.empty')} />;
  const open = items.filter((f) => f.status === 'open').length;
  return (
    <>
      {open ? (
        <Typography.Paragraph type="danger" data-testid="flags-open-count">
          {t('supervision.flags.openCount', { count: open })}
        </Typography.Paragraph>
      ) : null}
      <Table
        size="small"
        rowKey="id"
        data-testid="supervision-flags"
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        columns={[
          { key: 'kind', title: t('supervision.flags.kind'), width: 80, render: (_, f) => <Tag>{t(`supervision.flags.${f.kind}`)}</Tag> },
          { key: 'target', title: t('supervision.flags.target'), render: (_, f) => f.target },
          { key: 'reason', title: t('supervision.flags.reason'), render: (_, f) => f.reason },
          { key: 'raisedBy', title: t('supervision.flags.raisedBy'), render: (_, f) => `${f.raisedBy.displayName} ${formatDateTime(f.createdAt)}` },
          {
            key: 'status',
            title: t('supervision.flags.status'),
            width: 90,
            render: (_, f) => (
              <Tag color={f.status === 'open' ? 'red' : 'green'} data-testid="flag-status">
                {t(`supervision.flags.statuses.${f.status}`)}
              </Tag>
            ),
          },
          { key: 'blocks', title: t('supervision.flags.blocks'), width: 90, render: (_, f) => <span data-testid="flag-blocks">{f.blocks}</span> },
          {
            key: 'resolution',
            title: t('supervision.flags.resolution'),
            render: (_, f) =>
              f.status === 'resolved' ? (
                <span>
                  {f.resolution}
                  <br />
                  <Typography.Text type="secondary">
                    {f.resolvedBy?.displayName} {formatDateTime(f.resolvedAt)}
                  </Typography.Text>
                </span>
              ) : mayResolve ? (
                <Button size="small" type="primary" onClick={() => setResolving(f)} data-testid="flag-resolve">
                  {t('supervision.flags.resolve')}
                </Button>
              ) : null,
          },
        ]}
      />
      <ResolveDialog planId={planId} flag={resolving} onClose={() => setResolving(null)} />
    </>
  );
}

function ResolveDialog({ planId, flag, onClose }: { planId: string; flag: SupervisionFlag | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ resolution: string }>();
  const resolve = useResolveFlag(planId);
  return (
    <Modal
      open={flag !== null}
      title={t('supervision.flags.resolve')}
      okButtonProps={{ 'data-testid': 'resolve-dialog-ok' }}
      confirmLoading={resolve.isPending}
      onCancel={onClose}
      destroyOnHidden
      onOk={() =>
        void form.validateFields().then(({ resolution }) => {
          if (!flag) return;
          resolve.mutate(
            { flagId: flag.id, resolution },
            {
              onSuccess: () => {
                void message.success(t('supervision.flags.resolved'));
                onClose();
              },
              onError: reportError,
            },
          );
        })
      }
    >
      <Typography.Paragraph>
        <strong>{flag?.target}</strong>：{flag?.reason}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="resolution"
          label={t('supervision.flags.resolution')}
          extra={t('supervision.flags.resolutionHint')}
          rules={[{ required: true, whitespace: true, max: 2000 }]}
        >
          <Input.TextArea rows={4} maxLength={2000} data-testid="flag-resolution" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
