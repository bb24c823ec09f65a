import { ReloadOutlined, SafetyOutlined } from '@ant-design/icons';
import type { AuditEntry } from '@skillcert/shared/api/audit';
import { Alert, Button, Card, Col, DatePicker, Flex, Input, Row, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useAudit } from '@/features/audit/api/get-audit';
import { useVerifyAudit } from '@/features/audit/api/verify-audit';
import { can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useListParams } from '@/lib/search-params';
import { useTablePagination } from '@/lib/table-pagination';

const FILTER_KEYS = ['action', 'targetType', 'targetId', 'actor'] as const;
const RANGE_KEYS = ['from', 'to', 'seq'] as const;
const ALL_KEYS = [...FILTER_KEYS, ...RANGE_KEYS] as const;

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      {value === null || value === undefined ? (
        <div>
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        </div>
      ) : (
        <pre
          style={{
            margin: '4px 0 0',
            padding: 12,
            background: '#fafafa',
            border: '1px solid #f0f0f0',
            borderRadius: 6,
            maxHeight: 360,
            overflow: 'auto',
            fontSize: 12,
          }}
        >
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </div>
  );
}

function EntryDetail({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8}>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <JsonBlock title={t('audit.before')} value={entry.before} />
        </Col>
        <Col xs={24} lg={12}>
          <JsonBlock title={t('audit.after')} value={entry.after} />
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('audit.hash')}: <Typography.Text code>{entry.hash}</Typography.Text>
        {entry.requestId ? (
          <>
            {' · '}
            {t('audit.requestId')}: <Typography.Text code>{entry.requestId}</Typography.Text>
          </>
        ) : null}
      </Typography.Text>
    </Flex>
  );
}

/** "Verify chain": recomputes the hash chain on the server and shows the verdict. */
function VerifyChain({ onShow }: { onShow: (seq: number) => void }) {
  const { t } = useTranslation();
  const verify = useVerifyAudit();
  const result = verify.data;
  return (
    <Flex vertical gap={12} style={{ marginBottom: 16 }}>
      <div>
        <Button icon={<SafetyOutlined />} loading={verify.isFetching} onClick={() => void verify.refetch()} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
      </div>
      {result && !verify.isFetching ? (
        result.ok ? (
          <Alert type="success" showIcon data-testid="audit-verify-result" title={t('audit.verifyOk', { checked: result.checked })} />
        ) : (
          <Alert
            type="error"
            showIcon
            data-testid="audit-verify-result"
            title={
              result.firstBroken
                ? t('audit.verifyBroken', { seq: result.firstBroken.seq, checked: result.checked })
                : t('audit.verifyFailed', { checked: result.checked })
            }
            description={result.firstBroken ? t('audit.verifyReason', { reason: result.firstBroken.reason }) : undefined}
            action={
              result.firstBroken ? (
                <Button size="small" onClick={() => result.firstBroken && onShow(result.firstBroken.seq)} data-testid="audit-show-broken">
                  {t('audit.showBroken')}
                </Button>
              ) : undefined
            }
          />
        )
      ) : null}
    </Flex>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { values, page, pageSize, setFilters, setPage, reset } = useListParams(ALL_KEYS, 50);
  const list = useAudit({ ...values, page, pageSize });
  const pagination = useTablePagination(page, pageSize, list.data?.total, setPage);
  const [draft, setDraft] = useState<Record<(typeof FILTER_KEYS)[number], string>>({
    action: values.action ?? '',
    targetType: values.targetType ?? '',
    targetId: values.targetId ?? '',
    actor: values.actor ?? '',
  });

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'seq', title: t('audit.seq'), width: 90, render: (_, e) => <Typography.Text code>{e.seq}</Typography.Text> },
    { key: 'at', title: t('audit.at'), width: 180, render: (_, e) => formatDateTime(e.at) },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (_, e) => e.actorName ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    { key: 'action', title: t('audit.action'), render: (_, e) => <Tag color="blue">{e.action}</Tag> },
    {
      key: 'target',
      title: t('audit.target'),
      render: (_, e) => (
        <span>
          {e.targetType}
          {e.targetId ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              {e.targetId}
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
  ];

  const apply = () =>
    setFilters({
      action: draft.action.trim() || undefined,
      targetType: draft.targetType.trim() || undefined,
      targetId: draft.targetId.trim() || undefined,
      actor: draft.actor.trim() || undefined,
      seq: undefined,
    });

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Card>
        {can(me, 'audit.verify') ? <VerifyChain onShow={(seq) => setFilters({ seq: String(seq) })} /> : null}
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          {FILTER_KEYS.map((key) => (
            <Input
              key={key}
              allowClear
              style={{ width: key === 'targetId' ? 320 : 200 }}
              placeholder={t(`audit.filters.${key}`)}
              value={draft[key]}
              onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
              onPressEnter={apply}
              data-testid={`audit-filter-${key}`}
            />
          ))}
          <DatePicker.RangePicker
            showTime
            allowEmpty={[true, true]}
            value={[values.from ? dayjs(values.from) : null, values.to ? dayjs(values.to) : null]}
            onChange={(r) => setFilters({ from: r?.[0]?.toISOString(), to: r?.[1]?.toISOString() })}
            placeholder={[t('audit.filters.from'), t('audit.filters.to')]}
            data-testid="audit-filter-range"
          />
          <Button type="primary" onClick={apply}>
            {t('common.search')}
          </Button>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setDraft({ action: '', targetType: '', targetId: '', actor: '' });
              reset();
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
        <Table<AuditEntry>
          rowKey="seq"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          expandable={{ expandedRowRender: (entry) => <EntryDetail entry={entry} /> }}
          pagination={pagination}
          data-testid="audit-table"
        />
      </Card>
    </>
  );
}
