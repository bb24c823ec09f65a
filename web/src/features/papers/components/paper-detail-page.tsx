import { ArrowLeftOutlined, BarChartOutlined, FormOutlined, UserOutlined } from '@ant-design/icons';
import type { PaperDetail, PaperItem } from '@skillcert/shared/api/banks';
import { Button, Card, Col, Descriptions, Row, Skeleton, Space, Switch, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DownloadButton } from '@/components/download-button';
import { LevelTag } from '@/components/level-tag';
import { PageHeader } from '@/components/page-header';
import { LoadErrorResult } from '@/components/status-result';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useBlueprint } from '@/features/blueprints/api/get-blueprint';
import { nodeLabel, partOfType } from '@/features/blueprints/components/blueprint-nodes';
import { ItemDetailDrawer } from '@/features/items/components/item-detail-drawer';
import { ItemPreview } from '@/features/items/components/item-preview';
import { DifficultyText, ItemTypeTag } from '@/features/items/components/item-tags';
import { usePaper } from '@/features/papers/api/get-paper';
import { CandidateViewModal } from '@/features/papers/components/candidate-view-modal';
import { CoverageChart } from '@/features/papers/components/coverage-chart';
import { CoverageTable } from '@/features/papers/components/coverage-table';
import { PaperWarnings } from '@/features/papers/components/paper-warnings';
import { ScoresImportModal } from '@/features/papers/components/scores-import-modal';
import { paperQtiPath } from '@/features/qti/api/import-qti';
import { can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';

export function PaperDetailPage() {
  const { id } = useParams<{ id: string }>();
  // 题库保密: answers are fetched only on request (the school's bank staff; the server audits each view).
  const [showAnswers, setShowAnswers] = useState(false);
  const paper = usePaper(id, showAnswers);
  if (paper.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (paper.isError) return <LoadErrorResult error={paper.error} onRetry={() => void paper.refetch()} />;
  return <PaperDetailView key={paper.data.id} paper={paper.data} showAnswers={showAnswers} onShowAnswers={setShowAnswers} />;
}

/**
 * One paper: its facts, the coverage chart against the blueprint, the items with answers (each opening its detail with
 * its statistics), QTI download, 考生视图, and 录入成绩 from the scores sheet for the school's bank managers.
 */
function PaperDetailView({
  paper: p,
  showAnswers: wantAnswers,
  onShowAnswers,
}: {
  paper: PaperDetail;
  showAnswers: boolean;
  onShowAnswers: (on: boolean) => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const blueprint = useBlueprint(p.blueprintId);
  const [candidateOpen, setCandidateOpen] = useState(false);
  const [scoresOpen, setScoresOpen] = useState(false);
  const [itemDetail, setItemDetail] = useState<string | null>(null);
  // 考生视图 and 录入成绩: the school's own bank managers.
  const mayManage = can(me, 'bank.manage') && p.orgId === me.organisation.id;
  // Shown only once the paper arrived with its answers (while the audited request runs, the plain copy stays).
  const showAnswers = wantAnswers && p.items.every((i) => !i.answersHidden);
  // 第 n 题, counted from 1 in paper order whatever the stored positions start at.
  const numberOf = useMemo(() => new Map([...p.items].sort((a, b) => a.position - b.position).map((i, n) => [i.position, n])), [p.items]);

  const columns: TableColumnsType<PaperItem> = [
    { key: 'position', title: '#', width: 56, render: (_, i) => (numberOf.get(i.position) ?? 0) + 1 },
    { key: 'type', title: t('bank.fields.type'), width: 100, render: (_, i) => <ItemTypeTag type={i.type} /> },
    {
      key: 'node',
      title: t('bank.fields.node'),
      width: 220,
      render: (_, i) => <Typography.Text style={{ fontSize: 12 }}>{nodeLabel(blueprint.data, partOfType(i.type), i.areaCode, i.pointCode)}</Typography.Text>,
    },
    {
      key: 'stem',
      title: t('bank.fields.stem'),
      render: (_, i) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: i.stem }} style={{ margin: 0 }}>
          {i.stem}
        </Typography.Paragraph>
      ),
    },
    ...(showAnswers
      ? ([
          {
            key: 'answer',
            title: t('itemEditor.fields.answer'),
            width: 90,
            render: (_, i) => (i.type === 'judge' ? t(i.answer[0] === 'true' ? 'itemEditor.true' : 'itemEditor.false') : i.answer.join('') || t('common.none')),
          },
        ] as TableColumnsType<PaperItem>)
      : []),
    { key: 'points', title: t('bank.fields.points'), width: 70, render: (_, i) => i.points },
    { key: 'difficulty', title: t('bank.fields.difficulty'), width: 100, render: (_, i) => <DifficultyText difficulty={i.difficulty} /> },
    { key: 'version', title: t('bank.fields.version'), width: 70, render: (_, i) => `v${i.version}` },
    {
      // The paper carries no statistics: they live on the item (facility, discrimination, flag) and open from here.
      key: 'stats',
      title: t('papers.itemStats'),
      width: 130,
      render: (_, i) => (
        <Tooltip title={t('papers.itemDetailTooltip')}>
          <Button type="link" size="small" icon={<BarChartOutlined />} onClick={() => setItemDetail(i.itemId)} data-testid={`paper-item-detail-${i.position}`}>
            {t('papers.itemDetail')}
          </Button>
        </Tooltip>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={
          <Space size={8}>
            <span data-testid="paper-title">{p.name}</span>
            <Tag color="blue" data-testid="paper-variant">
              {t('papers.variantLabel', { variant: p.variant })}
            </Tag>
          </Space>
        }
        subtitle={t('papers.detailSubtitle')}
        extra={
          <>
            <Link to="/papers">
              <Button icon={<ArrowLeftOutlined />}>{t('common.backToList')}</Button>
            </Link>
            <DownloadButton path={paperQtiPath(p.id)} fallbackName={`${p.name}-${p.variant}.zip`} data-testid="paper-qti">
              {t('papers.qtiDownload')}
            </DownloadButton>
            {/* Papers on paper: the candidate's copy (with its answer sheet) as PDF or Word; the key and marking scheme apart. */}
            <DownloadButton path={`/api/papers/${p.id}/print.pdf`} fallbackName={`${p.name}-${p.variant}.pdf`} data-testid="paper-print-pdf">
              {t('usability.printPdf')}
            </DownloadButton>
            <DownloadButton path={`/api/papers/${p.id}/print.docx`} fallbackName={`${p.name}-${p.variant}.docx`} data-testid="paper-print-docx">
              {t('usability.printWord')}
            </DownloadButton>
            {mayManage ? (
              <DownloadButton
                path={`/api/papers/${p.id}/print.pdf`}
                query={{ copy: 'key' }}
                fallbackName={`${p.name}-${p.variant}-key.pdf`}
                data-testid="paper-print-key"
              >
                {t('usability.printKey')}
              </DownloadButton>
            ) : null}
            {mayManage ? (
              <Button icon={<UserOutlined />} onClick={() => setCandidateOpen(true)} data-testid="paper-candidate-view">
                {t('papers.candidateView')}
              </Button>
            ) : null}
            {mayManage ? (
              <Button type="primary" icon={<FormOutlined />} onClick={() => setScoresOpen(true)} data-testid="paper-record-scores">
                {t('papers.recordScores')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: 'occupation', label: t('papers.fields.occupation'), children: `${p.occupationName}（${p.occupationCode}）` },
            { key: 'level', label: t('blueprints.fields.level'), children: <LevelTag level={p.level} /> },
            { key: 'part', label: t('papers.fields.part'), children: t(`blueprintParts.${p.part}`) },
            { key: 'source', label: t('papers.fields.source'), children: t(`paperSources.${p.source}`) },
            { key: 'itemCount', label: t('papers.fields.itemCount'), children: <span data-testid="paper-item-count">{p.itemCount}</span> },
            { key: 'totalScore', label: t('papers.fields.totalScore'), children: p.totalScore },
            { key: 'meanDifficulty', label: t('papers.fields.meanDifficulty'), children: p.meanDifficulty },
            { key: 'tolerance', label: t('assembly.tolerance'), children: t('papers.toleranceValue', { n: p.tolerance }) },
            {
              key: 'seed',
              label: t('papers.fields.seed'),
              children: (
                <Typography.Text code copyable data-testid="paper-seed">
                  {p.seed}
                </Typography.Text>
              ),
            },
            { key: 'assembly', label: t('papers.fields.assemblyId'), children: <Typography.Text code>{p.assemblyId}</Typography.Text> },
            { key: 'blueprint', label: t('assembly.blueprint'), children: <Link to={`/blueprints/${p.blueprintId}`}>{t('papers.openBlueprint')}</Link> },
            { key: 'createdAt', label: t('papers.fields.createdAt'), children: formatDateTime(p.createdAt) },
          ]}
        />
      </Card>
      <PaperWarnings warnings={p.warnings} />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('papers.coverageTitle')}>
            <CoverageChart coverage={p.coverage} height={300} data-testid="paper-coverage-chart" />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('papers.coverageTable')}>
            <CoverageTable coverage={p.coverage} tolerance={p.tolerance} />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={t('papers.items')}
        extra={
          mayManage ? (
            <Tooltip title={t('papers.answersAudited')}>
              <Space>
                <Switch size="small" checked={wantAnswers} onChange={onShowAnswers} data-testid="paper-show-answers" />
                <Typography.Text>{t('papers.showAnswers')}</Typography.Text>
              </Space>
            </Tooltip>
          ) : (
            <Tag data-testid="paper-answers-confidential">{t('papers.answersConfidential')}</Tag>
          )
        }
      >
        <Table<PaperItem>
          rowKey="position"
          size="small"
          columns={columns}
          dataSource={p.items}
          pagination={{ defaultPageSize: 50, showSizeChanger: true, showTotal: (n) => t('common.total', { total: n }) }}
          expandable={{
            expandedRowRender: (i) => (
              <ItemPreview item={i} position={(numberOf.get(i.position) ?? 0) + 1} showAnswer={showAnswers} data-testid={`paper-item-${i.position}`} />
            ),
          }}
          data-testid="paper-items"
        />
      </Card>
      {mayManage ? <CandidateViewModal open={candidateOpen} paper={p} onClose={() => setCandidateOpen(false)} /> : null}
      {mayManage ? <ScoresImportModal open={scoresOpen} paper={p} onClose={() => setScoresOpen(false)} /> : null}
      <ItemDetailDrawer itemId={itemDetail} onClose={() => setItemDetail(null)} />
    </>
  );
}
