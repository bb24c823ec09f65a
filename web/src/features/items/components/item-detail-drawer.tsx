import { EditOutlined } from '@ant-design/icons';
import type { ItemDetail } from '@skillcert/shared/api/banks';
import { Button, Descriptions, Drawer, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LevelTag } from '@/components/level-tag';
import { LoadErrorResult } from '@/components/status-result';
import { useBlueprint } from '@/features/blueprints/api/get-blueprint';
import { nodeLabel, partOfType } from '@/features/blueprints/components/blueprint-nodes';
import { useItem } from '@/features/items/api/get-item';
import { ItemPreview } from '@/features/items/components/item-preview';
import { DifficultyText, ItemStatsCell, ItemStatusTag, ItemTypeTag } from '@/features/items/components/item-tags';
import { formatDateTime } from '@/lib/format';

interface ItemDetailDrawerProps {
  itemId: string | null;
  /** Shown when the user may edit the item (bank.manage on its own bank). */
  onEdit?: (item: ItemDetail) => void;
  /** Whether the edit button shows for this item (default: whenever onEdit is given). */
  mayEdit?: (item: ItemDetail) => boolean;
  onClose: () => void;
}

/** One item: its place in the blueprint, status, statistics, a preview with the marking side, and its version history. */
export function ItemDetailDrawer({ itemId, onEdit, mayEdit = () => true, onClose }: ItemDetailDrawerProps) {
  const { t } = useTranslation();
  const item = useItem(itemId);
  return (
    <Drawer
      open={itemId !== null}
      onClose={onClose}
      size={860}
      destroyOnHidden
      title={t('itemDetail.title')}
      data-testid="item-detail"
      extra={
        item.data && onEdit && mayEdit(item.data) ? (
          <Button type="primary" icon={<EditOutlined />} onClick={() => item.data && onEdit(item.data)} data-testid="item-edit">
            {t('common.edit')}
          </Button>
        ) : null
      }
    >
      {item.isPending && itemId ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
      {item.isError ? <LoadErrorResult error={item.error} onRetry={() => void item.refetch()} /> : null}
      {item.data ? <ItemDetailView item={item.data} /> : null}
    </Drawer>
  );
}

function ItemDetailView({ item }: { item: ItemDetail }) {
  const { t } = useTranslation();
  const [showAnswer, setShowAnswer] = useState(true);
  const blueprint = useBlueprint(item.blueprintId);
  const part = partOfType(item.type);
  const versions = [...item.versions].sort((a, b) => b.version - a.version);
  return (
    <>
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'occupation', label: t('bank.fields.occupation'), children: `${item.occupationName}（${item.occupationCode}）` },
          { key: 'level', label: t('bank.fields.level'), children: <LevelTag level={item.level} /> },
          { key: 'node', label: t('bank.fields.node'), span: 2, children: nodeLabel(blueprint.data, part, item.areaCode, item.pointCode) },
          { key: 'type', label: t('bank.fields.type'), children: <ItemTypeTag type={item.type} /> },
          { key: 'status', label: t('bank.fields.status'), children: <ItemStatusTag status={item.status} /> },
          { key: 'points', label: t('bank.fields.points'), children: item.points },
          { key: 'difficulty', label: t('bank.fields.difficulty'), children: <DifficultyText difficulty={item.difficulty} /> },
          { key: 'version', label: t('bank.fields.version'), children: <span data-testid="item-version">v{item.version}</span> },
          { key: 'source', label: t('itemDetail.source'), children: t(`itemSources.${item.source}`) },
          { key: 'author', label: t('itemDetail.author'), children: item.authorName ?? t('common.none') },
          {
            key: 'reviewer',
            label: t('itemDetail.reviewer'),
            children: item.reviewerName ? `${item.reviewerName}（${formatDateTime(item.reviewedAt)}）` : t('common.none'),
          },
          { key: 'stats', label: t('bank.fields.stats'), span: 2, children: <ItemStatsCell stats={item.stats} /> },
        ]}
      />
      {item.answersHidden ? (
        // 题库保密: answers and rubrics are the school's bank staff's only; the server sent none.
        <Tag style={{ marginBottom: 8 }} data-testid="item-answers-confidential">
          {t('papers.answersConfidential')}
        </Tag>
      ) : (
        <Space style={{ marginBottom: 8 }}>
          <Switch checked={showAnswer} onChange={setShowAnswer} size="small" />
          <Typography.Text>{t('itemDetail.showAnswer')}</Typography.Text>
        </Space>
      )}
      <ItemPreview item={item} showAnswer={showAnswer && !item.answersHidden} />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('itemDetail.versions')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="version"
        pagination={false}
        dataSource={versions}
        data-testid="item-versions"
        expandable={{
          expandedRowRender: (v) => (
            <ItemPreview item={{ ...v.content, type: item.type }} showAnswer={!item.answersHidden} data-testid={`item-version-${v.version}`} />
          ),
        }}
        columns={[
          {
            key: 'version',
            title: t('bank.fields.version'),
            width: 90,
            render: (_, v) => (
              <Space size={4}>
                <span>v{v.version}</span>
                {v.version === item.version ? <Tag color="blue">{t('itemDetail.current')}</Tag> : null}
              </Space>
            ),
          },
          { key: 'stem', title: t('bank.fields.stem'), ellipsis: true, render: (_, v) => v.content.stem },
          { key: 'points', title: t('bank.fields.points'), width: 70, render: (_, v) => v.content.points },
          { key: 'editedBy', title: t('itemDetail.editedBy'), width: 140, render: (_, v) => v.editedBy ?? t('common.none') },
          { key: 'createdAt', title: t('itemDetail.editedAt'), width: 170, render: (_, v) => formatDateTime(v.createdAt) },
        ]}
      />
    </>
  );
}
