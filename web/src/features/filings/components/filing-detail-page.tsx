import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import type { FilingAction, FilingDetail, ScopeLineView, Site, RosterAssessor } from '@skillcert/shared/api/filings';
import { App, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { LevelTag } from '@/components/level-tag';
import { PageHeader } from '@/components/page-header';
import { Reveal } from '@/components/reveal';
import { LoadErrorResult } from '@/components/status-result';
import { AttachmentList } from '@/features/attachments/components/attachment-list';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useFiling } from '@/features/filings/api/get-filing';
import { useFilingEligibility } from '@/features/filings/api/get-filing-eligibility';
import { AssessmentModal } from '@/features/filings/components/assessment-modal';
import { EligibilityTable } from '@/features/filings/components/eligibility-table';
import { FilingNextStep, FilingReasonBanner } from '@/features/filings/components/filing-next-step';
import { FilingRefusalAlert } from '@/features/filings/components/filing-refusal-alert';
import { FilingStatusTag } from '@/features/filings/components/filing-status-tag';
import { FilingTimeline } from '@/features/filings/components/filing-timeline';
import { SubmitFilingModal } from '@/features/filings/components/submit-filing-modal';
import { TransitionModal } from '@/features/filings/components/transition-modal';
import { OccupationLabel } from '@/features/occupations/components/occupation-label';
import { PolicyLink } from '@/features/policies/components/policy-link';
import { can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import type { ApiError } from '@/lib/http';

const FORWARD: ReadonlySet<FilingAction> = new Set(['submit', 'approve', 'start_assessment', 'assess', 'report', 'list', 'reinstate']);
const DANGER: ReadonlySet<FilingAction> = new Set(['reject', 'revoke', 'suspend']);

export function FilingDetailPage() {
  const { id } = useParams<{ id: string }>();
  const filing = useFiling(id);
  if (filing.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (filing.isError) return <LoadErrorResult error={filing.error} onRetry={() => void filing.refetch()} />;
  return <FilingDetailView key={filing.data.id} filing={filing.data} refetch={() => void filing.refetch()} />;
}

function FilingDetailView({ filing: f, refetch }: { filing: FilingDetail; refetch: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const navigate = useNavigate();
  // While the application is open the R1/R3 (R4) report says how it stands; once decided it no longer matters.
  const open = ['draft', 'returned', 'submitted', 'edu_reviewed', 'tech_assessment', 'reported'].includes(f.status);
  const eligibility = useFilingEligibility(f.id, { enabled: open });
  const [action, setAction] = useState<FilingAction | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const editable = can(me, 'filing.apply') && f.orgId === me.organisation.id && (f.status === 'draft' || f.status === 'returned');
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;

  const onStale = () => {
    void message.warning(t('filings.stale'));
    refetch();
  };
  const onDone = () => {
    setAction(null);
    setRefusal(null);
  };

  const scopeColumns: TableColumnsType<ScopeLineView & { key: number }> = [
    { key: 'n', title: '#', width: 48, render: (_, l) => l.key + 1 },
    f.kind === 'skill_level'
      ? { key: 'occupation', title: t('filings.scope.occupation'), render: (_, l) => l.occupationName ?? l.occupationCode }
      : { key: 'item', title: t('filings.scope.item'), render: (_, l) => l.specialItemName },
    ...(f.kind === 'skill_level'
      ? [
          {
            key: 'code',
            title: t('occupations.fields.code'),
            render: (_: unknown, l: ScopeLineView) => <Typography.Text code>{l.occupationCode}</Typography.Text>,
          },
          { key: 'workType', title: t('filings.scope.workType'), render: (_: unknown, l: ScopeLineView) => l.workType ?? none },
          { key: 'level', title: t('filings.scope.level'), render: (_: unknown, l: ScopeLineView) => (l.level ? <LevelTag level={l.level} /> : none) },
        ]
      : []),
  ];
  const siteColumns: TableColumnsType<Site & { key: number }> = [
    { key: 'name', title: t('filings.sites.name'), render: (_, s) => s.name },
    { key: 'address', title: t('filings.sites.address'), render: (_, s) => s.address },
    { key: 'capacity', title: t('filings.sites.capacity'), width: 100, render: (_, s) => s.capacity },
    {
      key: 'owned',
      title: t('filings.sites.owned'),
      width: 140,
      render: (_, s) => (s.owned ? <Tag color="blue">{t('filings.sites.ownedTag')}</Tag> : <Tag>{t('filings.sites.declaredTag')}</Tag>),
    },
  ];
  const assessorColumns: TableColumnsType<RosterAssessor & { key: number }> = [
    { key: 'name', title: t('filings.assessors.name'), render: (_, a) => a.name },
    { key: 'cert', title: t('filings.assessors.certificateNo'), render: (_, a) => a.certificateNo },
    { key: 'occupation', title: t('filings.assessors.occupation'), render: (_, a) => (a.occupationCode ? <OccupationLabel code={a.occupationCode} /> : none) },
    { key: 'affiliation', title: t('filings.assessors.affiliation'), render: (_, a) => t(`affiliations.${a.affiliation}`) },
  ];

  const actions = f.allowedActions;
  return (
    <>
      <PageHeader
        title={
          <Space size={8} wrap>
            <span data-testid="filing-title">{f.orgName}</span>
            <FilingStatusTag status={f.status} data-testid="filing-status" />
            <Tag>{t(`filingTypes.${f.type}`)}</Tag>
          </Space>
        }
        subtitle={t(`filingKinds.${f.kind}`)}
        extra={
          <>
            <Link to="/filings">
              <Button icon={<ArrowLeftOutlined />}>{t('filings.backToList')}</Button>
            </Link>
            {editable ? (
              <Button icon={<EditOutlined />} onClick={() => void navigate(`/filings/${f.id}/edit`)} data-testid="filing-edit">
                {t('common.edit')}
              </Button>
            ) : null}
          </>
        }
      />
      <FilingReasonBanner filing={f} />
      {refusal ? (
        <Reveal token={refusal}>
          <FilingRefusalAlert error={refusal} onClose={() => setRefusal(null)} profileId={f.profileId} />
        </Reveal>
      ) : null}
      <FilingNextStep filing={f} />
      <Card size="small" style={{ marginBottom: 16 }} data-testid="filing-actions">
        <Flex gap={8} wrap align="center">
          {actions.length === 0 ? <Typography.Text type="secondary">{t('filings.noActions')}</Typography.Text> : null}
          {actions.map((a) => (
            <Button
              key={a}
              type={FORWARD.has(a) ? 'primary' : 'default'}
              danger={DANGER.has(a)}
              onClick={() => setAction(a)}
              data-testid={`filing-action-${a}`}
            >
              {t(`filingActions.${a}`)}
            </Button>
          ))}
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card title={t('filings.detailTitle')}>
              <Descriptions
                bordered
                size="small"
                column={{ xs: 1, sm: 1, md: 2 }}
                data-testid="filing-descriptions"
                items={[
                  { key: 'school', label: t('filings.fields.school'), children: f.orgName },
                  { key: 'kind', label: t('filings.fields.kind'), children: t(`filingKinds.${f.kind}`) },
                  { key: 'type', label: t('filings.fields.type'), children: t(`filingTypes.${f.type}`) },
                  { key: 'status', label: t('filings.fields.status'), children: <FilingStatusTag status={f.status} /> },
                  ...(f.institutionId
                    ? [
                        {
                          key: 'institution',
                          label: t('filings.fields.institution'),
                          children: <Link to={`/institutions/${f.institutionId}`}>{t('common.view')}</Link>,
                        },
                      ]
                    : []),
                  { key: 'profile', label: t('filings.fields.profile'), children: <PolicyLink id={f.profileId} /> },
                  { key: 'contactName', label: t('filings.fields.contactName'), children: f.contactName },
                  { key: 'contactPhone', label: t('filings.fields.contactPhone'), children: f.contactPhone },
                  { key: 'submittedAt', label: t('filings.fields.submittedAt'), children: f.submittedAt ? formatDateTime(f.submittedAt) : none },
                  { key: 'updatedAt', label: t('filings.fields.updatedAt'), children: formatDateTime(f.updatedAt) },
                  { key: 'note', label: t('filings.fields.note'), span: 'filled', children: f.note ?? none },
                ]}
              />
            </Card>
            <Card title={t('filings.scope.title')}>
              <Table
                rowKey="key"
                size="small"
                pagination={false}
                columns={scopeColumns}
                dataSource={f.scope.map((l, i) => ({ ...l, key: i }))}
                data-testid="filing-scope-table"
              />
            </Card>
            {open && eligibility.data ? (
              <Card title={t('eligibility.title')}>
                <EligibilityTable checks={eligibility.data.checks} lines={f.scope} profileId={f.profileId} data-testid="filing-detail-eligibility" />
              </Card>
            ) : null}
            <Card title={t('filings.sites.title')}>
              <Table
                rowKey="key"
                size="small"
                pagination={false}
                columns={siteColumns}
                dataSource={f.sites.map((s, i) => ({ ...s, key: i }))}
                data-testid="filing-sites-table"
              />
            </Card>
            <Card title={t('filings.assessors.title')}>
              <Table
                rowKey="key"
                size="small"
                pagination={false}
                columns={assessorColumns}
                dataSource={f.assessors.map((a, i) => ({ ...a, key: i }))}
                data-testid="filing-assessors-table"
              />
            </Card>
            <Card title={t('filings.attachments.title')}>
              <AttachmentList ids={f.attachmentIds} data-testid="filing-attachments" />
            </Card>
            {f.assessment ? <AssessmentCard assessment={f.assessment} /> : null}
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('filings.timeline.title')}>
            <FilingTimeline events={f.events} />
          </Card>
        </Col>
      </Row>
      <TransitionModal
        filing={f}
        action={action && action !== 'assess' && action !== 'submit' ? action : null}
        onClose={() => setAction(null)}
        onDone={onDone}
        onStale={onStale}
        onRefused={setRefusal}
      />
      <AssessmentModal filing={f} open={action === 'assess'} onClose={() => setAction(null)} onDone={onDone} onStale={onStale} />
      <SubmitFilingModal filing={action === 'submit' ? f : null} onClose={() => setAction(null)} onSubmitted={onDone} onRefused={setRefusal} />
    </>
  );
}

function AssessmentCard({ assessment }: { assessment: NonNullable<FilingDetail['assessment']> }) {
  const { t } = useTranslation();
  return (
    <Card
      title={t('filings.assessment.title')}
      data-testid="filing-assessment"
      extra={
        <Space>
          <Typography.Text strong>{t('filings.assessment.total', { total: assessment.total })}</Typography.Text>
          <Tag color={assessment.passed ? 'success' : 'error'}>{assessment.passed ? t('filings.assessment.passed') : t('filings.assessment.failed')}</Tag>
        </Space>
      }
    >
      <Typography.Paragraph>
        {t('filings.assessment.panelList', {
          members: assessment.panel.map((p) => t('filings.timeline.by', { name: p.name, org: p.organisation })).join(t('common.listSeparator')),
        })}
      </Typography.Paragraph>
      <Table
        rowKey="criterion"
        size="small"
        pagination={false}
        dataSource={assessment.scores}
        columns={[
          { key: 'criterion', title: t('filings.assessment.criterion'), render: (_, s) => s.criterion },
          { key: 'max', title: t('filings.assessment.maxScore'), width: 100, render: (_, s) => s.maxScore },
          { key: 'score', title: t('filings.assessment.score'), width: 100, render: (_, s) => s.score },
        ]}
      />
    </Card>
  );
}
