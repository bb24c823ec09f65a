import '@/features/supervision/i18n';
import { EyeOutlined } from '@ant-design/icons';
import { Button, Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { usePlans } from '@/features/plans/api/get-plans';
import { can } from '@/lib/authorization';

/** A supervisor's to-dos on the home page: the plans assigned to them and not yet closed, each a link to its live view. */
export function SupervisionTodoCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const supervising = can(me, 'supervision.inspect');
  const plans = usePlans({ todo: true, page: 1, pageSize: 10, sort: 'firstSitting' }, { enabled: supervising });
  if (!supervising) return null;
  return (
    <Card title={t('supervision.todo.title')} style={{ marginTop: 16 }} data-testid="supervision-todo">
      <List
        loading={plans.isPending}
        dataSource={plans.data?.items ?? []}
        locale={{ emptyText: t('supervision.todo.empty') }}
        renderItem={(p) => (
          <List.Item
            extra={
              <Link to={`/plans/${p.id}/supervision`} data-testid="supervision-todo-open">
                <Button type="primary" icon={<EyeOutlined />}>
                  {t('supervision.todo.live')}
                </Button>
              </Link>
            }
          >
            <List.Item.Meta
              title={<Link to={`/plans/${p.id}`}>{p.title}</Link>}
              description={
                <Typography.Text type="secondary">
                  {p.orgName}
                  {p.firstSitting ? ` · ${t('supervision.todo.firstSitting', { date: p.firstSitting })}` : ''}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
