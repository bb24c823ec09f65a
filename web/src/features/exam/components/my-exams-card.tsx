import '@/features/exam/i18n';
import type { MyExam } from '@skillcert/shared/api/exams';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { examApi } from '@/features/exam/api/exam-api';
import { deviceId } from '@/features/exam/lib/device-id';
import { errorText } from '@/lib/api-errors';
import { formatDateTime } from '@/lib/format';
import { isApiError } from '@/lib/http';

function statusKey(e: MyExam): 'ready' | 'not_open' | 'closed' | 'submitted' | 'writing' {
  if (e.status === 'submitted' || e.status === 'absent') return 'submitted';
  if (e.status === 'writing') return 'writing';
  if (e.canEnter) return 'ready';
  return Date.parse(e.opensAt) > Date.now() ? 'not_open' : 'closed';
}

/**
 * 我的考试 on the candidate's own page: the online theory exams of their enrolments, and 进入考试 for the one whose doors
 * are open (by the server's clock). Entering sets the exam cookie for this browser and opens /exam.
 */
export function MyExamsCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const exams = useQuery({ queryKey: ['me', 'exams'], queryFn: ({ signal }) => examApi.myExams(signal), refetchInterval: 30_000, meta: { silent: true } });
  const enter = useMutation({ mutationFn: (attemptId: string) => examApi.enter(attemptId, deviceId()), meta: { silent: true } });
  if (exams.isError && isApiError(exams.error) && exams.error.status === 404) return null;
  return (
    <Card title={t('exam.myExams.title')} data-testid="my-exams" loading={exams.isPending}>
      {enter.error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={isApiError(enter.error, 'EXAM.OTHER_DEVICE') ? t('exam.otherDevice') : errorText(enter.error, t)}
          data-testid="my-exams-error"
        />
      ) : null}
      <List
        dataSource={exams.data?.items ?? []}
        locale={{ emptyText: t('exam.myExams.none') }}
        renderItem={(e) => {
          const key = statusKey(e);
          return (
            <List.Item
              data-testid="my-exam"
              actions={[
                <Button
                  key="enter"
                  type="primary"
                  disabled={!e.canEnter}
                  loading={enter.isPending && enter.variables === e.attemptId}
                  onClick={() => enter.mutate(e.attemptId, { onSuccess: () => void navigate('/exam') })}
                  data-testid="my-exam-enter"
                >
                  {t('exam.myExams.enter')}
                </Button>,
              ]}
            >
              <Flex vertical gap={2}>
                <Typography.Text strong>{e.planTitle}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('exam.examNumber')} {e.examNumber} · {e.site} {e.room}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('exam.myExams.window', { start: formatDateTime(e.startsAt), closes: formatDateTime(e.entryClosesAt) })}
                </Typography.Text>
                <span>
                  <Tag color={key === 'ready' || key === 'writing' ? 'green' : undefined}>{t(`exam.myExams.status.${key}`)}</Tag>
                </span>
              </Flex>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
