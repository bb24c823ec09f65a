import '@/features/enrolments/i18n';
import { Alert, Card, Descriptions, Empty, Flex, Image, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DownloadButton } from '@/components/download-button';
import { PageHeader } from '@/components/page-header';
import { MY_PHOTO_PATH, myTicketPath, useMyCandidatePage } from '@/features/candidate/api/candidate';
import { MyExamsCard } from '@/features/exam/components/my-exams-card';
import { http } from '@/lib/http';

/** The candidate's own page: my plans (parts, rooms, seats, exam numbers), my admission tickets, my photo. */
export function MyCandidatePage() {
  const { t } = useTranslation();
  const page = useMyCandidatePage();
  const [photo, setPhoto] = useState<string | null>(null);
  useEffect(() => {
    if (!page.data?.hasPhoto) return;
    let url: string | null = null;
    void http.file(MY_PHOTO_PATH).then(
      ({ blob }) => {
        url = URL.createObjectURL(blob);
        setPhoto(url);
      },
      () => undefined,
    );
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [page.data?.hasPhoto]);
  if (page.isPending) return <Spin />;
  if (page.isError || !page.data) return <Alert type="info" showIcon title={t('candidatePage.notCandidate')} />;
  const me = page.data;
  return (
    <>
      <PageHeader title={t('candidatePage.title')} subtitle={t('candidatePage.subtitle')} />
      <Flex vertical gap={16}>
        <Card title={t('candidatePage.me')}>
          <Flex gap={24} align="flex-start" wrap>
            {photo ? (
              <Image src={photo} width={118} alt={t('candidatePage.photo')} data-testid="my-photo" />
            ) : (
              <Tag data-testid="my-photo-missing">{t('candidatePage.noPhoto')}</Tag>
            )}
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('enrolment.name')}>{me.name}</Descriptions.Item>
              <Descriptions.Item label={t('enrolment.idNumber')}>{me.idNumberMasked}</Descriptions.Item>
            </Descriptions>
          </Flex>
        </Card>
        <MyExamsCard />
        {me.enrolments.length === 0 ? <Empty description={t('candidatePage.none')} /> : null}
        {me.enrolments.map((e) => (
          <Card
            key={e.enrolmentId}
            data-testid="my-plan"
            title={`${e.planName}`}
            extra={
              e.ticketReady ? (
                <DownloadButton type="primary" path={myTicketPath(e.enrolmentId)} fallbackName="admission-ticket.pdf" data-testid="my-ticket">
                  {t('candidatePage.ticket')}
                </DownloadButton>
              ) : (
                <Typography.Text type="secondary">{t('candidatePage.ticketNotReady')}</Typography.Text>
              )
            }
          >
            <Typography.Paragraph>
              {e.institution} · {e.occupation} · {t(`levels.${e.level}`, { defaultValue: String(e.level) })}
            </Typography.Paragraph>
            <Table
              rowKey="part"
              size="small"
              pagination={false}
              dataSource={e.parts}
              columns={[
                { key: 'part', title: t('candidatePage.part'), render: (_, p) => t(`enrolment.parts.${p.part}`, { defaultValue: p.part }) },
                { key: 'time', title: t('candidatePage.time'), render: (_, p) => `${p.startsAt}–${(p.endsAt ?? '').slice(11)}` },
                { key: 'site', title: t('candidatePage.site'), render: (_, p) => `${p.site ?? ''} ${p.room ?? ''}` },
                { key: 'seat', title: t('enrolment.seat'), render: (_, p) => p.seat ?? '—' },
                { key: 'no', title: t('enrolment.examNumber'), render: (_, p) => p.examNumber ?? '—' },
              ]}
            />
          </Card>
        ))}
      </Flex>
    </>
  );
}
