import type { Certificate } from '@skillcert/shared/api/certificates';
import { Flex, Input, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInstitutionCertificates } from '@/features/sanctions/api/violations';

const PAGE_SIZE = 10;

/**
 * HR picks the certificates a sanction revokes: the institution's valid certificates, searched by number or holder's
 * name, paged; the choice is kept across pages and searches (a controlled form field: `value` / `onChange`).
 */
export function CertificatePicker({
  institutionId,
  value,
  onChange,
}: {
  institutionId: string | undefined;
  value?: string[];
  onChange?: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useInstitutionCertificates(institutionId, q, page, PAGE_SIZE);
  const chosen = value ?? [];
  const columns: TableColumnsType<Certificate> = [
    { title: t('sanctions.certificateNumber'), dataIndex: 'number' },
    { title: t('sanctions.certificateHolder'), dataIndex: 'holderName' },
    { title: t('sanctions.certificateOccupation'), render: (_: unknown, c) => `${c.occupationName} ${c.levelText}` },
    { title: t('sanctions.certificateIssued'), dataIndex: 'issuedOn' },
  ];
  if (!institutionId) return <Typography.Text type="secondary">{t('sanctions.certificatesNone')}</Typography.Text>;
  return (
    <Flex vertical gap={8} data-testid="violation-certificates">
      <Flex gap={8} align="center">
        <Input.Search
          allowClear
          placeholder={t('sanctions.certificateSearch')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          data-testid="violation-certificate-search"
        />
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }} data-testid="violation-certificates-chosen">
          {t('sanctions.certificatesChosen', { count: chosen.length })}
        </Typography.Text>
      </Flex>
      <Table
        rowKey="id"
        size="small"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        rowSelection={{ selectedRowKeys: chosen, preserveSelectedRowKeys: true, onChange: (keys) => onChange?.(keys.map(String)) }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, size: 'small' }}
      />
    </Flex>
  );
}
