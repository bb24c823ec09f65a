import type { Signal } from '@skillcert/shared/api/sanctions';
import { App, Button, Card, Descriptions, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDetectSignals, useDismissSignal, useInspectSignal, useSignals } from '@/features/sanctions/api/inspections';
import { ReasonButton } from '@/features/sanctions/components/violations-page';
import '@/features/sanctions/sanctions-i18n';
import { reportError } from '@/lib/error-reporting';

/** Every number of the evidence, shown as it is (never a bare score). */
function Evidence({ evidence }: { evidence: Record<string, unknown> }) {
  return (
    <Descriptions size="small" column={1} bordered>
      {Object.entries(evidence).map(([k, v]) => (
        <Descriptions.Item key={k} label={k}>
          {typeof v === 'object' ? JSON.stringify(v) : String(v)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** 异常预警: HR runs the detectors, reads each signal's evidence, dismisses it with a reason or opens an inspection. */
export function SignalsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const list = useSignals(page);
  const detect = useDetectSignals();
  const dismiss = useDismissSignal();
  const inspect = useInspectSignal();
  const columns: TableColumnsType<Signal> = [
    { title: t('signals.kind'), dataIndex: 'kind', render: (k: Signal['kind']) => t(`signals.kinds.${k}`) },
    { title: t('signals.institution'), dataIndex: 'institutionName' },
    { title: t('signals.status'), dataIndex: 'status', render: (s: Signal['status']) => <Tag>{t(`signals.statuses.${s}`)}</Tag> },
    {
      key: 'actions',
      render: (_: unknown, r) =>
        r.status === 'open' ? (
          <Space>
            <ReasonButton
              label={t('signals.dismiss')}
              title={t('signals.dismissReason')}
              testId="signal-dismiss"
              loading={dismiss.isPending}
              run={(reason, after) => dismiss.mutate({ id: r.id, reason }, { onError: reportError, onSuccess: after })}
            />
            <ReasonButton
              label={t('signals.inspect')}
              title={t('signals.inspectTitle')}
              testId="signal-inspect"
              loading={inspect.isPending}
              run={(title, after) => inspect.mutate({ id: r.id, title }, { onError: reportError, onSuccess: after })}
            />
          </Space>
        ) : (
          r.dismissReason
        ),
    },
  ];
  return (
    <Card
      title={t('signals.title')}
      extra={
        <Button
          type="primary"
          loading={detect.isPending}
          data-testid="signals-detect"
          onClick={() => detect.mutate(undefined, { onError: reportError, onSuccess: (r) => void message.success(t('signals.detected', r)) })}
        >
          {t('signals.detect')}
        </Button>
      }
    >
      <Table
        rowKey="id"
        size="small"
        data-testid="signals-table"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('signals.empty') }}
        expandable={{ expandedRowRender: (r) => <Evidence evidence={r.evidence} /> }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </Card>
  );
}
