import { RightOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useFilings } from '@/features/filings/api/get-filings';
import { useProposals } from '@/features/proposals/api/get-proposals';
import { useSpecs } from '@/features/specs/api/get-specs';
import { useClaims } from '@/features/subsidies/api/subsidies';
import { can } from '@/lib/authorization';

function TodoTile({ title, value, loading, to, testId }: { title: ReactNode; value: number | undefined; loading: boolean; to: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Col xs={24} sm={12} lg={8}>
      <Link to={to} data-testid={testId}>
        <Card hoverable size="small">
          <Statistic
            title={title}
            value={value ?? 0}
            loading={loading}
            styles={{ content: { color: value ? '#1f5fbf' : undefined } }}
            suffix={<RightOutlined style={{ fontSize: 14 }} />}
          />
          <span style={{ fontSize: 12 }}>{t('home.open')}</span>
        </Card>
      </Link>
    </Col>
  );
}

/**
 * "Waiting for me": filings where the user has an allowed action (the server's to-do), 评价规范 awaiting HR,
 * 专项 proposals awaiting HR. Shown to reviewers — and to schools for their drafts and returned applications.
 */
export function TodoCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const filingsTodo = can(me, 'filing.review') || can(me, 'filing.apply');
  const specsTodo = can(me, 'spec.review');
  const proposalsTodo = can(me, 'special_item.review');
  const subsidiesTodo = can(me, 'subsidy.review');
  const filings = useFilings({ todo: true, page: 1, pageSize: 1 }, { enabled: filingsTodo });
  const specs = useSpecs({ todo: true, page: 1, pageSize: 1 }, { enabled: specsTodo });
  const proposals = useProposals({ todo: true, page: 1, pageSize: 1 }, { enabled: proposalsTodo });
  const subsidyReview = useClaims({ todo: true, status: 'submitted', page: 1, pageSize: 1 }, { enabled: subsidiesTodo });
  const subsidyPay = useClaims({ todo: true, status: 'approved', page: 1, pageSize: 1 }, { enabled: subsidiesTodo });
  if (!filingsTodo && !specsTodo && !proposalsTodo && !subsidiesTodo) return null;
  return (
    <Card title={t('home.todoTitle')} style={{ marginTop: 16 }} data-testid="todo-card">
      <Row gutter={[16, 16]}>
        {filingsTodo ? (
          <TodoTile
            title={can(me, 'filing.review') ? t('home.todoFilings') : t('home.todoSchoolFilings')}
            value={filings.data?.total}
            loading={filings.isPending}
            to="/filings?tab=todo"
            testId="home-todo-filings"
          />
        ) : null}
        {specsTodo ? (
          <TodoTile title={t('home.todoSpecs')} value={specs.data?.total} loading={specs.isPending} to="/specs?tab=todo" testId="home-todo-specs" />
        ) : null}
        {proposalsTodo ? (
          <TodoTile
            title={t('home.todoProposals')}
            value={proposals.data?.total}
            loading={proposals.isPending}
            to="/proposals?tab=todo"
            testId="home-todo-proposals"
          />
        ) : null}
        {subsidiesTodo ? (
          <>
            <TodoTile
              title={t('subsidies.todoHome')}
              value={subsidyReview.data?.total}
              loading={subsidyReview.isPending}
              to="/subsidies?tab=todo"
              testId="home-todo-subsidies"
            />
            <TodoTile
              title={t('subsidies.todoPayHome')}
              value={subsidyPay.data?.total}
              loading={subsidyPay.isPending}
              to="/subsidies?tab=pay"
              testId="home-todo-subsidy-payments"
            />
          </>
        ) : null}
      </Row>
    </Card>
  );
}
