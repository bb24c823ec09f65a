import '@/features/supervision/i18n';
import type { WorkloadRow } from '@skillcert/shared/api/supervision';
import { Card, Flex, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DownloadButton } from '@/components/download-button';
import { PageHeader } from '@/components/page-header';
import { LoadErrorResult } from '@/components/status-result';
import { useWorkload, WORKLOAD_EXPORT_PATH } from '@/features/supervision/api/get-workload';

const NUMBERS = ['sittingsInvigilated', 'sittingsExamined', 'hours', 'candidatesMarked', 'tasksMarked', 'decisions'] as const;

/** 学期 around a term: the four before it and the one after (`2025-1` = Sep 2025 – Jan 2026, `2025-2` = Feb – Aug 2026). */
function termChoices(current: string): string[] {
  const year = Number(current.slice(0, 4));
  const n = Number(current.slice(5));
  const index = year * 2 + (n - 1);
  return Array.from({ length: 6 }, (_, k) => index + 1 - k).map((i) => `${Math.floor(i / 2)}-${(i % 2) + 1}`);
}

/** R15: each assessor's workload in a term (sittings, hours, marking), for the school admin and HR, exportable for 绩效. */
export function WorkloadPage() {
  const { t } = useTranslation();
  const [term, setTerm] = useState<string | undefined>(undefined);
  const workload = useWorkload(term);
  const data = workload.data;
  const shown = data?.term ?? term;
  const termLabel = (x: string) => {
    const year = Number(x.slice(0, 4));
    return t(x.endsWith('-1') ? 'workload.termFirst' : 'workload.termSecond', { start: year, end: year + 1 });
  };
  const total = (k: (typeof NUMBERS)[number]) => Math.round((data?.rows ?? []).reduce((s, r) => s + r[k], 0) * 100) / 100;
  if (workload.isError && !data) return <LoadErrorResult error={workload.error} onRetry={() => void workload.refetch()} />;
  return (
    <>
      <PageHeader
        title={t('workload.title')}
        subtitle={t('workload.subtitle')}
        extra={
          <DownloadButton path={WORKLOAD_EXPORT_PATH} query={{ term: shown }} fallbackName="workload.xlsx" type="primary" data-testid="workload-export">
            {t('workload.export')}
          </DownloadButton>
        }
      />
      <Card>
        <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
          <span>{t('workload.term')}</span>
          <Select
            style={{ minWidth: 240 }}
            value={shown}
            loading={workload.isPending}
            onChange={setTerm}
            options={shown ? termChoices(shown).map((x) => ({ value: x, label: data?.term === x ? data.label : termLabel(x) })) : []}
            data-testid="workload-term"
          />
          {data ? <Typography.Text type="secondary">{t('workload.period', { from: data.from, to: data.to })}</Typography.Text> : null}
        </Flex>
        <Table<WorkloadRow>
          size="small"
          rowKey="certificateNo"
          data-testid="workload-table"
          loading={workload.isFetching}
          dataSource={data?.rows ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('workload.empty') }}
          columns={[
            { key: 'certificateNo', title: t('workload.columns.certificateNo'), render: (_, r) => r.certificateNo },
            { key: 'name', title: t('workload.columns.name'), render: (_, r) => r.name },
            { key: 'username', title: t('workload.columns.username'), render: (_, r) => r.username ?? '' },
            ...NUMBERS.map((k) => ({ key: k, title: t(`workload.columns.${k}`), align: 'right' as const, render: (_: unknown, r: WorkloadRow) => r[k] })),
          ]}
          summary={() =>
            data?.rows.length ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>
                  <strong>{t('workload.total')}</strong>
                </Table.Summary.Cell>
                {NUMBERS.map((k, i) => (
                  <Table.Summary.Cell key={k} index={i + 3} align="right">
                    <strong data-testid={`workload-total-${k}`}>{total(k)}</strong>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </>
  );
}
