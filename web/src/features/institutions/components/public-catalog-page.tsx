import { LoginOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Layout, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from '@/components/language-switch';
import { usePublicInstitutions } from '@/features/institutions/api/get-public-institutions';
import { InstitutionFilters } from '@/features/institutions/components/institution-filters';
import { InstitutionsTable } from '@/features/institutions/components/institutions-table';
import { useListParams } from '@/lib/search-params';
import { useTablePagination } from '@/lib/table-pagination';

const FILTER_KEYS = ['q', 'region', 'occupation'] as const;

/** The free public catalog of filed institutions — no login; its own header with the language switch. */
export function PublicCatalogPage() {
  const { t } = useTranslation();
  const { values, page, pageSize, setFilters, setPage, reset } = useListParams(FILTER_KEYS);
  const list = usePublicInstitutions({ ...values, page, pageSize });
  const pagination = useTablePagination(page, pageSize, list.data?.total, setPage);
  return (
    <Layout style={{ minHeight: '100vh', background: '#f0f2f5' }}>
      <Layout.Header
        style={{ background: '#fff', borderBottom: '1px solid #f0f0f0', display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '0 24px' }}
      >
        <Flex align="center" gap={10}>
          <SafetyCertificateOutlined style={{ fontSize: 22, color: '#1f5fbf' }} />
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('app.title')}
          </Typography.Text>
        </Flex>
        <Flex align="center" gap={12}>
          <LanguageSwitch size="small" />
          <Link to="/login">
            <Button type="text" icon={<LoginOutlined />} data-testid="public-login-link">
              {t('publicCatalog.login')}
            </Button>
          </Link>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: 24, maxWidth: 1400, width: '100%', margin: '0 auto' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="public-catalog-title">
          {t('publicCatalog.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('publicCatalog.subtitle')}</Typography.Paragraph>
        <Card>
          <InstitutionFilters values={values} setFilters={setFilters} reset={reset} testIdPrefix="public" />
          <InstitutionsTable
            items={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={pagination}
            data-testid="public-institutions-table"
          />
        </Card>
      </Layout.Content>
    </Layout>
  );
}
