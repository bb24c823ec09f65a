import type { Coverage } from '@skillcert/shared/api/banks';
import { Alert, Card, Col, Empty, Flex, Progress, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadErrorResult } from '@/components/status-result';
import { useCoverage } from '@/features/curriculum/api/get-coverage';

type CoverageArea = Coverage['areas'][number];

/**
 * 课程对接 for one blueprint: which areas the school's courses teach and which are bare, the covered share of the
 * theory and skills weights, and whether a course comprehensive exam may stand in for the theory exam (课证融通, R6).
 */
export function CoverageView({ blueprintId }: { blueprintId: string | undefined }) {
  const { t } = useTranslation();
  const coverage = useCoverage(blueprintId);
  if (!blueprintId) return <Empty description={t('curriculum.pickBlueprint')} />;
  if (coverage.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (coverage.isError) return <LoadErrorResult error={coverage.error} onRetry={() => void coverage.refetch()} />;
  const c = coverage.data;
  const bareTheory = c.bare.filter((b) => b.part === 'theory');
  return (
    <div data-testid="coverage-view">
      <Alert
        type={c.courseExamMayReplaceTheory ? 'success' : 'warning'}
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="coverage-verdict"
        data-may-replace={String(c.courseExamMayReplaceTheory)}
        title={c.courseExamMayReplaceTheory ? t('curriculum.mayReplace') : t('curriculum.mayNotReplace', { count: bareTheory.length })}
        description={t('curriculum.replaceRule')}
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} md={12}>
          <Card size="small" title={t('curriculum.theoryCovered')}>
            <Flex align="center" gap={16}>
              <Progress
                type="circle"
                size={88}
                percent={Math.round(c.theoryCovered * 10) / 10}
                status={c.theoryCovered >= 100 ? 'success' : 'normal'}
                data-testid="coverage-theory"
              />
              <Typography.Text type="secondary">{t('curriculum.coveredHint')}</Typography.Text>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('curriculum.skillsCovered')}>
            <Flex align="center" gap={16}>
              <Progress
                type="circle"
                size={88}
                percent={Math.round(c.skillsCovered * 10) / 10}
                status={c.skillsCovered >= 100 ? 'success' : 'normal'}
                data-testid="coverage-skills"
              />
              <Typography.Text type="secondary">{t('curriculum.coveredHint')}</Typography.Text>
            </Flex>
          </Card>
        </Col>
      </Row>
      <Table<CoverageArea>
        size="small"
        rowKey={(a) => `${a.part}-${a.code}`}
        pagination={false}
        dataSource={c.areas}
        data-testid="coverage-areas"
        columns={[
          { key: 'part', title: t('curriculum.part'), width: 110, render: (_, a) => t(`blueprintParts.${a.part}`) },
          { key: 'area', title: t('assembly.area'), render: (_, a) => `${a.code} ${a.name}` },
          { key: 'weight', title: t('assembly.weight'), width: 90, render: (_, a) => `${a.weight}%` },
          {
            key: 'courses',
            title: t('curriculum.courses'),
            render: (_, a) =>
              a.courses.length ? (
                <Flex gap={4} wrap>
                  {a.courses.map((x) => (
                    <Tag key={x.id} color="blue">
                      {x.name}
                    </Tag>
                  ))}
                </Flex>
              ) : (
                <Tag color="error" data-testid="coverage-bare">
                  {t('curriculum.bare')}
                </Tag>
              ),
          },
        ]}
      />
    </div>
  );
}
