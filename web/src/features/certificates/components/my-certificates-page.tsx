import { Card, Empty, Flex, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DownloadButton } from '@/components/download-button';
import { useMyCertificates } from '@/features/certificates/api/certificates';
import '@/features/certificates/admin-i18n';

/** The holder's page: my certificates, the PDF and the signed credential to download, a verification link to share. */
export function MyCertificatesPage() {
  const { t } = useTranslation();
  const mine = useMyCertificates();
  const items = mine.data?.items ?? [];
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('certificates.mine')}
      </Typography.Title>
      {!mine.isPending && items.length === 0 ? <Empty description={t('certificates.noneYet')} /> : null}
      {items.map((c) => {
        const link = `${window.location.origin}/verify/${c.number}`;
        return (
          <Card key={c.id} size="small" title={`${c.title} · ${c.occupationName} ${c.levelText}`} data-testid="my-certificate">
            <Flex vertical gap={8}>
              <Space wrap>
                <Typography.Text>{c.number}</Typography.Text>
                <Tag color={c.status === 'valid' ? 'green' : 'red'}>{t(`verify.status.${c.status}`)}</Tag>
                <Typography.Text type="secondary">
                  {c.issuer.name} · {c.issuedOn}
                </Typography.Text>
              </Space>
              <Space wrap>
                <DownloadButton path={`/api/me/certificates/${c.id}/pdf`} fallbackName={`${c.number}.pdf`}>
                  {t('certificates.pdf')}
                </DownloadButton>
                <DownloadButton path={`/api/me/certificates/${c.id}/credential`} fallbackName={`${c.number}.json`}>
                  {t('verify.credential')}
                </DownloadButton>
                <Typography.Text copyable={{ text: link }} data-testid="my-certificate-link">
                  {t('certificates.verifyLink')}
                </Typography.Text>
                {c.status === 'valid' ? (
                  <Link to="/me/subsidies" data-testid="my-certificate-subsidy">
                    {t('subsidies.claim')}
                  </Link>
                ) : null}
              </Space>
            </Flex>
          </Card>
        );
      })}
    </Flex>
  );
}
