import type { Shortage } from '@skillcert/shared/api/banks';
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ItemTypeTag } from '@/features/items/components/item-tags';

/** 422 PAPER.BANK_INSUFFICIENT explained: per area and type, how many reviewed items are needed, available, short. */
export function ShortageTable({ shortages }: { shortages: readonly Shortage[] }) {
  const { t } = useTranslation();
  return (
    <Table<Shortage>
      size="small"
      rowKey={(s) => `${s.areaCode}-${s.type}-${s.points ?? ''}`}
      pagination={false}
      dataSource={[...shortages]}
      data-testid="assembly-shortages"
      columns={[
        { key: 'area', title: t('assembly.area'), render: (_, s) => `${s.areaCode} ${s.areaName}` },
        {
          key: 'type',
          title: t('bank.fields.type'),
          width: 150,
          render: (_, s) => (
            <>
              <ItemTypeTag type={s.type} />
              {s.points !== undefined ? <Typography.Text type="secondary">{t('assembly.atPoints', { n: s.points })}</Typography.Text> : null}
            </>
          ),
        },
        { key: 'needed', title: t('assembly.needed'), width: 80, render: (_, s) => s.needed },
        { key: 'available', title: t('assembly.available'), width: 80, render: (_, s) => s.available },
        {
          key: 'short',
          title: t('assembly.short'),
          width: 80,
          render: (_, s) => (
            <Typography.Text type="danger" strong>
              {s.short}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
