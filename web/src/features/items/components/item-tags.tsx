import type { ItemStats, ItemStatus, ItemType } from '@skillcert/shared/api/banks';
import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const TYPE_COLORS: Record<ItemType, string> = { single: 'blue', multiple: 'geekblue', judge: 'cyan', subjective: 'purple', practical: 'orange' };
const STATUS_COLORS: Record<ItemStatus, string> = { draft: 'default', reviewed: 'success', retired: 'error' };

/** 单选题 / 多选题 / 判断题 / 简答题 / 实操题 */
export function ItemTypeTag({ type }: { type: ItemType }) {
  const { t } = useTranslation();
  return (
    <Tag color={TYPE_COLORS[type]} data-type={type}>
      {t(`itemTypes.${type}`)}
    </Tag>
  );
}

export function ItemStatusTag({ status }: { status: ItemStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status} data-testid="item-status">
      {t(`itemStatus.${status}`)}
    </Tag>
  );
}

/** "3 · 中等" */
export function DifficultyText({ difficulty }: { difficulty: number }) {
  const { t } = useTranslation();
  const key = String(Math.min(5, Math.max(1, Math.round(difficulty)))) as '1' | '2' | '3' | '4' | '5';
  return <span>{t('difficulty.value', { n: difficulty, label: t(`difficulty.${key}`) })}</span>;
}

const fmt = (x: number | null) => (x === null ? '—' : x.toFixed(2));

/** Facility (p) and discrimination (D) from recorded sittings, with a flag when outside the thresholds. */
export function ItemStatsCell({ stats }: { stats: ItemStats }) {
  const { t } = useTranslation();
  if (stats.responses === 0) return <Typography.Text type="secondary">{t('bank.noStats')}</Typography.Text>;
  return (
    <Space size={4} wrap>
      <Tooltip title={t('bank.statsTooltip', { n: stats.responses })}>
        <Typography.Text>{`p ${fmt(stats.pValue)} · D ${fmt(stats.discrimination)}`}</Typography.Text>
      </Tooltip>
      {stats.flagged ? (
        <Tooltip title={stats.flagReasons.map((r) => t(`flagReasons.${r}`)).join(t('common.listSeparator'))}>
          <Tag color="red" data-testid="item-flag">
            {t('bank.flagged')}
          </Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}
