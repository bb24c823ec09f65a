import { FileExcelOutlined } from '@ant-design/icons';
import { LEDGER_PARTS, type LedgerPart } from '@skillcert/shared/api/ledger';
import { Alert, Button, Card, DatePicker, Flex, Input, Select, Table, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { useInstitutions } from '@/features/institutions/api/get-institutions';
import { useLedger, useStartLedgerExport } from '@/features/ledger/api/ledger';
import { LedgerJobProgress } from '@/features/ledger/components/ledger-job';
import { reportError } from '@/lib/error-reporting';
import { useListParams } from '@/lib/search-params';
import { useTablePagination } from '@/lib/table-pagination';

const FILTER_KEYS = ['part', 'institutionId', 'from', 'to', 'planId', 'occupationCode'] as const;

/** 工作台账 (R14): filters, one tab per part with its count, the Excel export with the job's progress. */
export function LedgerPage() {
  const { t } = useTranslation();
  const { values, page, pageSize, setFilters, setPage } = useListParams(FILTER_KEYS, 20);
  const part = (LEDGER_PARTS as readonly string[]).includes(values.part ?? '') ? (values.part as LedgerPart) : 'plans';
  const filter = {
    institutionId: values.institutionId,
    from: values.from,
    to: values.to,
    planId: values.planId,
    occupationCode: values.occupationCode,
  };
  const ledger = useLedger({ ...filter, part, page, pageSize });
  const institutions = useInstitutions({ pageSize: 200 });
  const pagination = useTablePagination(page, pageSize, ledger.data?.total, setPage);
  const exporter = useStartLedgerExport();
  const [jobId, setJobId] = useState<string | null>(null);
  const data = ledger.data;

  return (
    <>
      <PageHeader title={t('ledger.title')} subtitle={t('ledger.subtitle')} />
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }} align="center">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 280 }}
            placeholder={t('ledger.allInstitutions')}
            value={values.institutionId}
            onChange={(v) => setFilters({ institutionId: v })}
            options={(institutions.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))}
            data-testid="ledger-institution"
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            value={[values.from ? dayjs(values.from) : null, values.to ? dayjs(values.to) : null]}
            onChange={(r) => setFilters({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            data-testid="ledger-period"
          />
          <Input.Search
            allowClear
            style={{ width: 200 }}
            placeholder={t('ledger.occupationCode')}
            defaultValue={values.occupationCode}
            onSearch={(v) => setFilters({ occupationCode: v.trim() || undefined })}
            data-testid="ledger-occupation"
          />
          <Input.Search
            allowClear
            style={{ width: 300 }}
            placeholder={t('ledger.planId')}
            defaultValue={values.planId}
            onSearch={(v) => setFilters({ planId: v.trim() || undefined })}
            data-testid="ledger-plan"
          />
          <Button
            type="primary"
            icon={<FileExcelOutlined />}
            loading={exporter.isPending}
            onClick={() => exporter.mutate(filter, { onError: reportError, onSuccess: (j) => setJobId(j.id) })}
            data-testid="ledger-export"
          >
            {t('ledger.export')}
          </Button>
          {jobId ? <LedgerJobProgress jobId={jobId} fallbackName="ledger.xlsx" testId="ledger-export-job" /> : null}
        </Flex>
        {data ? (
          <Alert style={{ marginBottom: 12 }} type="info" showIcon title={data.idNumbersInExport ? t('ledger.idsWhole') : t('ledger.idsMasked')} />
        ) : null}
        {ledger.isError ? <Alert style={{ marginBottom: 12 }} type="error" title={ledger.error.message} /> : null}
        <Tabs
          activeKey={part}
          onChange={(k) => setFilters({ part: k })}
          items={LEDGER_PARTS.map((p) => ({ key: p, label: `${t(`ledger.parts.${p}`)} (${data?.counts[p] ?? 0})` }))}
          data-testid="ledger-tabs"
        />
        <Table
          rowKey={(_, i) => String(i)}
          size="middle"
          scroll={{ x: true }}
          loading={ledger.isFetching}
          columns={(data?.columns ?? []).map((c) => ({ key: c.key, dataIndex: c.key, title: c.title }))}
          dataSource={data?.rows ?? []}
          pagination={pagination}
          data-testid="ledger-table"
        />
      </Card>
    </>
  );
}
