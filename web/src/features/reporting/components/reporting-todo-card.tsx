import { Button, Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useReportTodo } from '@/features/reporting/api/reporting';
import { DeadlineTag } from '@/features/reporting/components/reporting-tags';
import { can } from '@/lib/authorization';

interface TodoLine {
  key: string;
  text: string;
  tag?: { state: 'due' | 'overdue' | 'done'; dueOn: string | null };
}

/** The reporting to-dos on the home page: the institution's plans due / overdue and returned certificates; HR's batches. */
export function ReportingTodoCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const enabled = can(me, 'report.submit') || can(me, 'report.review');
  const todo = useReportTodo(enabled);
  if (!enabled) return null;
  const d = todo.data;
  const lines: TodoLine[] = [];
  if (d) {
    for (const p of d.awaitingReview)
      lines.push({
        key: `b${p.id}`,
        text: t('reporting.todoReview', { school: p.orgName, plan: p.planTitle, n: p.certificateCount }),
        tag: { state: p.deadline, dueOn: p.dueOn },
      });
    for (const p of d.plans) {
      lines.push({
        key: `p${p.planId}`,
        text: can(me, 'report.submit')
          ? t('reporting.todoPlan', { title: p.title, n: p.open })
          : t('reporting.todoOverdue', { school: p.orgName, title: p.title }),
        tag: { state: p.deadline, dueOn: p.dueOn },
      });
    }
    if (d.returned) lines.push({ key: 'returned', text: t('reporting.todoReturned', { n: d.returned }) });
    if (d.toUpload) lines.push({ key: 'upload', text: t('reporting.todoUpload', { n: d.toUpload }) });
  }
  return (
    <Card title={t('reporting.todoTitle')} style={{ marginTop: 16 }} data-testid="reporting-todo">
      <List
        loading={todo.isPending}
        dataSource={lines}
        locale={{ emptyText: t('reporting.nothing') }}
        renderItem={(l) => (
          <List.Item
            extra={
              <Link to="/reporting">
                <Button size="small">{t('reporting.open')}</Button>
              </Link>
            }
          >
            <Typography.Text>{l.text}</Typography.Text> {l.tag ? <DeadlineTag state={l.tag.state} dueOn={l.tag.dueOn} /> : null}
          </List.Item>
        )}
      />
    </Card>
  );
}
