import type { PaperDetail } from '@skillcert/shared/api/banks';
import { Alert, Empty, Flex, Input, Modal, Space, Spin, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { ItemPreview } from '@/features/items/components/item-preview';
import { useCandidateView } from '@/features/papers/api/get-candidate-view';

/** 考生视图: a candidate's own copy — items and options in the order the paper's seed and the candidate key give. */
export function CandidateViewModal({ open, paper, onClose }: { open: boolean; paper: PaperDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [candidate, setCandidate] = useState<string | null>(null);
  const [showAnswer, setShowAnswer] = useState(false);
  const view = useCandidateView(paper.id, candidate);

  return (
    <Modal
      open={open}
      width={860}
      title={t('papers.candidateViewTitle', { name: paper.name, variant: paper.variant })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      data-testid="candidate-view-modal"
    >
      <Typography.Paragraph type="secondary">{t('papers.candidateViewIntro')}</Typography.Paragraph>
      <Flex gap={16} align="center" wrap style={{ marginBottom: 16 }}>
        <Input.Search
          style={{ width: 360 }}
          placeholder={t('papers.candidateKey')}
          enterButton={t('papers.candidateShow')}
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onSearch={(v) => setCandidate(v.trim() || null)}
          maxLength={64}
          data-testid="candidate-key"
        />
        <Space>
          <Switch size="small" checked={showAnswer} onChange={setShowAnswer} />
          <Typography.Text>{t('papers.showAnswers')}</Typography.Text>
        </Space>
      </Flex>
      {view.isFetching ? <Spin /> : null}
      {view.isError ? <ApiErrorAlert error={view.error} /> : null}
      {!candidate ? <Empty description={t('papers.candidateEmpty')} /> : null}
      {view.data ? (
        <div data-testid="candidate-view" data-candidate={view.data.candidate}>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('papers.candidateCopy', { candidate: view.data.candidate, count: view.data.items.length })}
          />
          <Flex vertical gap={12}>
            {view.data.items.map((item, i) => (
              <ItemPreview
                key={`${item.itemId}-${i}`}
                item={item}
                position={i + 1}
                showAnswer={showAnswer}
                data-testid={`candidate-item-${i + 1}`}
                extra={
                  showAnswer && item.originalKeys.length ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('papers.originalKeys', { keys: item.originalKeys.map((k, j) => `${String.fromCharCode(65 + j)}←${k}`).join(' ') })}
                    </Typography.Text>
                  ) : null
                }
              />
            ))}
          </Flex>
        </div>
      ) : null}
    </Modal>
  );
}
