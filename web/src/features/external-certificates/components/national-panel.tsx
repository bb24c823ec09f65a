import { Alert, Button, Card, DatePicker, Flex, Input, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNationalCandidates, useRecordNational, useRotateIssuerKey } from '@/features/external-certificates/api/external-certificates';
import { reportError } from '@/lib/error-reporting';

/**
 * 国家职业资格证书 issued by an external authority (issue 13 item 1): on the plan's certificates screen the school records
 * the authority and each cleared candidate's number. Marked external; never signed or verified by us.
 */
export function NationalPanel({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const list = useNationalCandidates(planId);
  const record = useRecordNational(planId);
  const [issuer, setIssuer] = useState('');
  const [day, setDay] = useState<Dayjs | null>(null);
  const [numbers, setNumbers] = useState<Record<string, string>>({});
  const open = (list.data?.items ?? []).filter((i) => !i.record);
  const filled = open.filter((i) => numbers[i.enrolmentId]?.trim());
  return (
    <Card size="small" title={t('externalCertificates.national')} data-testid="national-panel">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('externalCertificates.nationalHint')}</Typography.Text>
        {list.data && list.data.items.length === 0 ? <Alert type="info" title={t('externalCertificates.nationalNone')} /> : null}
        <Flex gap={8} wrap>
          <Input style={{ width: 280 }} placeholder={t('externalCertificates.nationalIssuer')} value={issuer} onChange={(e) => setIssuer(e.target.value)} />
          <DatePicker value={day} onChange={setDay} placeholder={t('externalCertificates.issuedOn')} />
          <Button
            type="primary"
            disabled={!issuer.trim() || !day || filled.length === 0}
            loading={record.isPending}
            onClick={() =>
              record.mutate(
                {
                  issuerName: issuer.trim(),
                  issuedOn: day?.format('YYYY-MM-DD') ?? '',
                  items: filled.map((i) => ({ enrolmentId: i.enrolmentId, number: numbers[i.enrolmentId]?.trim() ?? '' })),
                },
                { onError: reportError, onSuccess: () => setNumbers({}) },
              )
            }
          >
            {t('externalCertificates.nationalRecord')}
          </Button>
        </Flex>
        <Table
          size="small"
          rowKey="enrolmentId"
          loading={list.isFetching}
          pagination={false}
          dataSource={list.data?.items ?? []}
          columns={[
            { title: t('externalCertificates.holder'), render: (_, i) => `${i.name}（${i.maskedIdNumber}）` },
            {
              title: t('externalCertificates.number'),
              render: (_, i) =>
                i.record ? (
                  `${i.record.number} · ${i.record.issuerName} · ${i.record.issuedOn}`
                ) : (
                  <Input size="small" value={numbers[i.enrolmentId] ?? ''} onChange={(e) => setNumbers({ ...numbers, [i.enrolmentId]: e.target.value })} />
                ),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}

/** The issuer's admin rotates its signing key; certificates issued before keep verifying (audited on the server). */
export function RotateKeyButton() {
  const { t } = useTranslation();
  const rotate = useRotateIssuerKey();
  const [done, setDone] = useState<number | null>(null);
  return (
    <Flex gap={8} align="center">
      <Button
        loading={rotate.isPending}
        data-testid="rotate-key"
        onClick={() => {
          if (window.confirm(t('externalCertificates.rotateConfirm'))) rotate.mutate(undefined, { onError: reportError, onSuccess: (k) => setDone(k.keyNo) });
        }}
      >
        {t('externalCertificates.rotateKey')}
      </Button>
      {done ? <Typography.Text type="success">{t('externalCertificates.rotated', { keyNo: done })}</Typography.Text> : null}
    </Flex>
  );
}
