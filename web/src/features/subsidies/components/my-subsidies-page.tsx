import type { Certificate } from '@skillcert/shared/api/certificates';
import { Alert, Button, Card, Descriptions, Empty, Flex, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMyCertificates } from '@/features/certificates/api/certificates';
import { isApiError } from '@/lib/http';
import { useClaimSubsidy, useMyClaims } from '../api/subsidies';
import { SubsidyChecks, SubsidyStatusTag } from './subsidy-checks';

/** The holder's page (R11): claim against a valid certificate with a bank account; my claims with status and checks. */
export function MySubsidiesPage() {
  const { t } = useTranslation();
  const certs = useMyCertificates();
  const claims = useMyClaims();
  const [claiming, setClaiming] = useState<Certificate | null>(null);
  const valid = (certs.data?.items ?? []).filter((c) => c.status === 'valid' && c.kind !== 'qualification');
  const items = claims.data?.items ?? [];
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('subsidies.myTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('subsidies.myIntro')}
      </Typography.Paragraph>
      <Card size="small" title={t('subsidies.claimable')}>
        {!certs.isPending && valid.length === 0 ? <Empty description={t('subsidies.noCertificates')} /> : null}
        <Flex vertical gap={8}>
          {valid.map((c) => (
            <Flex key={c.id} justify="space-between" align="center" wrap gap={8} data-testid="subsidy-certificate">
              <Typography.Text>
                {c.occupationName} {c.levelText} · {c.number} · {c.issuedOn}
              </Typography.Text>
              <Button type="primary" onClick={() => setClaiming(c)} data-testid="subsidy-claim">
                {t('subsidies.claim')}
              </Button>
            </Flex>
          ))}
        </Flex>
      </Card>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('subsidies.myClaims')}
      </Typography.Title>
      {!claims.isPending && items.length === 0 ? <Empty description={t('subsidies.noClaims')} /> : null}
      {items.map((c) => (
        <Card
          key={c.id}
          size="small"
          data-testid="my-subsidy-claim"
          title={
            <Space wrap>
              <SubsidyStatusTag status={c.status} />
              <span>
                {c.occupationName} {t(`levels.${c.level as 1 | 2 | 3 | 4 | 5}`)}
              </span>
            </Space>
          }
        >
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('subsidies.fields.certificate')}>{c.certificateNumber}</Descriptions.Item>
            <Descriptions.Item label={t('subsidies.fields.amount')}>{c.amount}</Descriptions.Item>
            <Descriptions.Item label={t('subsidies.fields.reviewer')}>{c.reviewerName ?? c.regionCode}</Descriptions.Item>
            <Descriptions.Item label={t('subsidies.fields.bank')}>{c.bankAccountMasked ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('subsidies.fields.channel')}>{t(`subsidies.channel.${c.channel}`)}</Descriptions.Item>
            <Descriptions.Item label={t('subsidies.fields.appliedAt')}>{new Date(c.appliedAt).toLocaleString()}</Descriptions.Item>
            {c.reason ? (
              <Descriptions.Item label={t('subsidies.fields.reason')} span={2}>
                <span data-testid="subsidy-reason">{c.reason}</span>
              </Descriptions.Item>
            ) : null}
            {c.paidOn ? (
              <Descriptions.Item label={t('subsidies.fields.paid')} span={2}>
                {t('subsidies.paidLine', { paidOn: c.paidOn, amount: String(c.paidAmount ?? ''), reference: c.bankReference ?? '' })}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <SubsidyChecks checks={c.checks} />
        </Card>
      ))}
      {claiming ? <ClaimModal certificate={claiming} onClose={() => setClaiming(null)} /> : null}
    </Flex>
  );
}

function ClaimModal({ certificate, onClose }: { certificate: Certificate; onClose: () => void }) {
  const { t } = useTranslation();
  const claim = useClaimSubsidy();
  const [form] = Form.useForm<{ bankAccount: string }>();
  const refusal = claim.error && isApiError(claim.error) ? claim.error : null;
  return (
    <Modal
      open
      title={t('subsidies.claimFor', { name: `${certificate.occupationName} ${certificate.levelText}` })}
      okText={t('subsidies.submit')}
      okButtonProps={{ loading: claim.isPending, 'data-testid': 'subsidy-claim-submit' }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          claim.mutate(
            { certificateId: certificate.id, bankAccount: v.bankAccount },
            {
              onSuccess: () => onClose(),
            },
          )
        }
      >
        <Form.Item
          name="bankAccount"
          label={t('subsidies.bankAccount')}
          extra={t('subsidies.bankAccountHint')}
          rules={[{ required: true, pattern: /^[\d\s-]{12,40}$/, message: t('subsidies.bankAccountHint') }]}
        >
          <Input inputMode="numeric" autoComplete="off" data-testid="subsidy-bank-account" />
        </Form.Item>
      </Form>
      {refusal ? (
        <Alert
          type="error"
          showIcon
          data-testid="subsidy-refusal"
          data-code={refusal.code}
          message={t('subsidies.refusedTitle')}
          description={refusal.message}
        />
      ) : null}
    </Modal>
  );
}
