import { CheckOutlined, DownloadOutlined, ImportOutlined, PlusOutlined, RollbackOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import { ITEM_STATUSES, ITEM_TYPES, type Item, type ItemDetail, type ItemStatus, type ItemType } from '@skillcert/shared/api/banks';
import { SKILL_LEVELS, type SkillLevel } from '@skillcert/shared/domain';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { DownloadButton } from '@/components/download-button';
import { LevelTag } from '@/components/level-tag';
import { PageHeader } from '@/components/page-header';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useBlueprints } from '@/features/blueprints/api/get-blueprints';
import { nodeLabel, partOfType } from '@/features/blueprints/components/blueprint-nodes';
import { BlueprintSelect } from '@/features/blueprints/components/blueprint-select';
import { type ItemFilter, itemQuery, useItems } from '@/features/items/api/get-items';
import { ITEM_EXPORT_PATH, ITEM_TEMPLATE_PATH } from '@/features/items/api/import-items';
import { useSetItemStatus } from '@/features/items/api/set-item-status';
import { ItemDetailDrawer } from '@/features/items/components/item-detail-drawer';
import { ItemEditorDrawer } from '@/features/items/components/item-editor-drawer';
import { ItemImportModal } from '@/features/items/components/item-import-modal';
import { DifficultyText, ItemStatsCell, ItemStatusTag, ItemTypeTag } from '@/features/items/components/item-tags';
import { OccupationSelect } from '@/features/occupations/components/occupation-select';
import { QtiExportDropdown } from '@/features/qti/components/qti-export-dropdown';
import { QtiImportModal } from '@/features/qti/components/qti-import-modal';
import { can } from '@/lib/authorization';
import { type ApiError, isApiError } from '@/lib/http';
import { useListParams } from '@/lib/search-params';
import { useTablePagination } from '@/lib/table-pagination';

const FILTER_KEYS = ['blueprintId', 'occupationCode', 'level', 'areaCode', 'type', 'status', 'flagged', 'q'] as const;

const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | undefined =>
  (list as readonly string[]).includes(v ?? '') ? (v as T) : undefined;
function asLevel(v: string | undefined): SkillLevel | undefined {
  const n = Number(v);
  return (SKILL_LEVELS as readonly number[]).includes(n) ? (n as SkillLevel) : undefined;
}

type EditorState = { mode: 'create' } | { mode: 'edit'; item: ItemDetail } | null;

/**
 * 题库: the items of the banks in my scope, filtered (kept in the URL); bulk 审核 / 停用 / 重新打开; Excel template,
 * import and export; QTI import and per-blueprint export; the editor with a live candidate preview.
 */
export function ItemsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const { values, page, pageSize, setFilters, setPage } = useListParams(FILTER_KEYS);
  const filter: ItemFilter = {
    blueprintId: values.blueprintId,
    occupationCode: values.occupationCode,
    level: asLevel(values.level),
    areaCode: values.areaCode,
    type: oneOf(ITEM_TYPES, values.type),
    status: oneOf(ITEM_STATUSES, values.status),
    flagged: values.flagged === 'true' ? true : undefined,
    q: values.q,
  };
  const list = useItems({ ...filter, page, pageSize });
  const pagination = useTablePagination(page, pageSize, list.data?.total, setPage);
  const blueprints = useBlueprints();
  const byId = useMemo(() => new Map((blueprints.data ?? []).map((b) => [b.id, b])), [blueprints.data]);
  const chosen = filter.blueprintId ? byId.get(filter.blueprintId) : undefined;
  const setStatus = useSetItemStatus();
  const [search, setSearch] = useState(values.q ?? '');
  const [selected, setSelected] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [editor, setEditor] = useState<EditorState>(null);
  const [detail, setDetail] = useState<string | null>(null);
  const [importing, setImporting] = useState<'excel' | 'qti' | null>(null);
  const manage = can(me, 'bank.manage') && me.organisation.kind === 'school';
  const mine = (i: Pick<Item, 'orgId'>) => manage && i.orgId === me.organisation.id;

  const areaOptions = useMemo(() => {
    if (!chosen) return [];
    const byCode = new Map<string, string[]>();
    for (const part of ['theory', 'skills'] as const) {
      for (const a of chosen[part]) byCode.set(a.code, [...(byCode.get(a.code) ?? []), `${t(`blueprintParts.${part}`)} · ${a.name}`]);
    }
    return [...byCode.entries()].map(([code, names]) => ({ value: code, label: `${code} ${names.join(' / ')}` }));
  }, [chosen, t]);

  const changeStatus = (status: ItemStatus) => {
    setRefusal(null);
    setStatus.mutate(
      { ids: selected, status },
      {
        onSuccess: (r) => {
          void message.success(t('bank.statusChanged', { changed: r.changed, unchanged: r.unchanged, status: t(`itemStatus.${status}`) }));
          setSelected([]);
        },
        onError: setRefusal,
      },
    );
  };

  const columns: TableColumnsType<Item> = [
    {
      key: 'stem',
      title: t('bank.fields.stem'),
      width: 260,
      render: (_, i) => (
        <Typography.Link onClick={() => setDetail(i.id)} ellipsis style={{ maxWidth: 240, display: 'inline-block' }} title={i.stem} data-testid="item-link">
          {i.stem}
        </Typography.Link>
      ),
    },
    { key: 'type', title: t('bank.fields.type'), width: 90, render: (_, i) => <ItemTypeTag type={i.type} /> },
    {
      key: 'occupation',
      title: t('bank.fields.occupation'),
      width: 150,
      render: (_, i) => (
        <Space orientation="vertical" size={0}>
          <span>{i.occupationName}</span>
          <LevelTag level={i.level} short />
        </Space>
      ),
    },
    {
      key: 'node',
      title: t('bank.fields.node'),
      width: 180,
      render: (_, i) => (
        <Typography.Text ellipsis style={{ maxWidth: 170 }} title={nodeLabel(byId.get(i.blueprintId), partOfType(i.type), i.areaCode, i.pointCode)}>
          {nodeLabel(byId.get(i.blueprintId), partOfType(i.type), i.areaCode, i.pointCode)}
        </Typography.Text>
      ),
    },
    { key: 'stats', title: t('bank.fields.stats'), width: 160, render: (_, i) => <ItemStatsCell stats={i.stats} /> },
    { key: 'difficulty', title: t('bank.fields.difficulty'), width: 80, render: (_, i) => <DifficultyText difficulty={i.difficulty} /> },
    { key: 'points', title: t('bank.fields.points'), width: 60, render: (_, i) => i.points },
    { key: 'status', title: t('bank.fields.status'), width: 80, render: (_, i) => <ItemStatusTag status={i.status} /> },
    { key: 'version', title: t('bank.fields.version'), width: 60, render: (_, i) => `v${i.version}` },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 80,
      fixed: 'end',
      render: (_, i) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetail(i.id)}>
            {t('common.view')}
          </Button>
        </Space>
      ),
    },
  ];

  const exportQuery = itemQuery(filter);

  return (
    <>
      <PageHeader
        title={t('bank.title')}
        subtitle={t('bank.subtitle')}
        extra={
          <Flex gap={8} wrap>
            {manage ? (
              <>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditor({ mode: 'create' })} data-testid="bank-new-item">
                  {t('bank.newItem')}
                </Button>
                <DownloadButton path={ITEM_TEMPLATE_PATH} fallbackName="item-bank-template.xlsx" data-testid="bank-template">
                  {t('bank.template')}
                </DownloadButton>
                <Button icon={<UploadOutlined />} onClick={() => setImporting('excel')} data-testid="bank-import">
                  {t('bank.import')}
                </Button>
              </>
            ) : null}
            {/* Exports carry answers and rubrics (题库保密): the school's bank staff only. */}
            {manage ? (
              <DownloadButton path={ITEM_EXPORT_PATH} query={exportQuery} fallbackName="item-bank.xlsx" icon={<DownloadOutlined />} data-testid="bank-export">
                {t('bank.export')}
              </DownloadButton>
            ) : null}
            {manage ? (
              <Button icon={<ImportOutlined />} onClick={() => setImporting('qti')} data-testid="bank-qti-import">
                {t('bank.qtiImport')}
              </Button>
            ) : null}
            {manage ? <QtiExportDropdown /> : null}
          </Flex>
        }
      />
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <BlueprintSelect
            allowClear
            style={{ width: 280 }}
            placeholder={t('bank.filters.blueprint')}
            value={filter.blueprintId}
            onChange={(id) => setFilters({ blueprintId: id, areaCode: undefined })}
            data-testid="bank-filter-blueprint"
          />
          <OccupationSelect
            allowClear
            style={{ width: 220 }}
            placeholder={t('bank.filters.occupation')}
            value={filter.occupationCode}
            onChange={(code) => setFilters({ occupationCode: code })}
            data-testid="bank-filter-occupation"
          />
          <Select<SkillLevel>
            allowClear
            style={{ width: 150 }}
            placeholder={t('bank.filters.level')}
            value={filter.level}
            onChange={(v) => setFilters({ level: v ? String(v) : undefined })}
            options={SKILL_LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
            data-testid="bank-filter-level"
          />
          <Select<string>
            allowClear
            style={{ width: 220 }}
            placeholder={chosen ? t('bank.filters.area') : t('bank.filters.areaPickBlueprint')}
            disabled={!chosen}
            value={filter.areaCode}
            onChange={(v) => setFilters({ areaCode: v })}
            options={areaOptions}
            popupMatchSelectWidth={false}
            data-testid="bank-filter-area"
          />
          <Select<ItemType>
            allowClear
            style={{ width: 130 }}
            placeholder={t('bank.filters.type')}
            value={filter.type}
            onChange={(v) => setFilters({ type: v })}
            options={ITEM_TYPES.map((x) => ({ value: x, label: t(`itemTypes.${x}`) }))}
            data-testid="bank-filter-type"
          />
          <Select<ItemStatus>
            allowClear
            style={{ width: 120 }}
            placeholder={t('bank.filters.status')}
            value={filter.status}
            onChange={(v) => setFilters({ status: v })}
            options={ITEM_STATUSES.map((x) => ({ value: x, label: t(`itemStatus.${x}`) }))}
            data-testid="bank-filter-status"
          />
          <Select<'true'>
            allowClear
            style={{ width: 170 }}
            placeholder={t('bank.filters.flagged')}
            value={filter.flagged ? 'true' : undefined}
            onChange={(v) => setFilters({ flagged: v })}
            options={[{ value: 'true', label: t('bank.filters.flaggedOnly') }]}
            data-testid="bank-filter-flagged"
          />
          <Input.Search
            allowClear
            style={{ width: 240 }}
            placeholder={t('bank.filters.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(q) => setFilters({ q: q.trim() || undefined })}
            data-testid="bank-search"
          />
        </Flex>
        {refusal ? (
          <ApiErrorAlert error={refusal} onClose={() => setRefusal(null)} data-testid="bank-status-refusal">
            {isApiError(refusal, 'ITEM.SELF_REVIEW') ? (
              <SelfReviewHint error={refusal} onDeselect={(ids) => setSelected((s) => s.filter((id) => !ids.includes(id)))} />
            ) : null}
          </ApiErrorAlert>
        ) : null}
        {manage ? (
          <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }} data-testid="bank-bulk">
            <Typography.Text type="secondary" data-testid="bank-selected" data-count={selected.length}>
              {t('bank.selected', { count: selected.length })}
            </Typography.Text>
            <Popconfirm
              title={t('bank.confirmReview', { count: selected.length })}
              okText={t('bank.review')}
              cancelText={t('common.cancel')}
              onConfirm={() => changeStatus('reviewed')}
            >
              <Button size="small" icon={<CheckOutlined />} disabled={!selected.length} loading={setStatus.isPending} data-testid="bank-review">
                {t('bank.review')}
              </Button>
            </Popconfirm>
            <Popconfirm
              title={t('bank.confirmRetire', { count: selected.length })}
              okText={t('bank.retire')}
              cancelText={t('common.cancel')}
              onConfirm={() => changeStatus('retired')}
            >
              <Button size="small" danger icon={<StopOutlined />} disabled={!selected.length} loading={setStatus.isPending} data-testid="bank-retire">
                {t('bank.retire')}
              </Button>
            </Popconfirm>
            <Popconfirm
              title={t('bank.confirmReopen', { count: selected.length })}
              okText={t('bank.reopen')}
              cancelText={t('common.cancel')}
              onConfirm={() => changeStatus('draft')}
            >
              <Button size="small" icon={<RollbackOutlined />} disabled={!selected.length} loading={setStatus.isPending} data-testid="bank-reopen">
                {t('bank.reopen')}
              </Button>
            </Popconfirm>
            {selected.length ? (
              <Button size="small" type="link" onClick={() => setSelected([])}>
                {t('bank.clearSelection')}
              </Button>
            ) : null}
          </Flex>
        ) : null}
        <Table<Item>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1250 }}
          pagination={pagination}
          rowSelection={
            manage
              ? {
                  selectedRowKeys: selected,
                  preserveSelectedRowKeys: true,
                  onChange: (keys) => setSelected(keys.map(String)),
                  getCheckboxProps: (i) => ({ disabled: !mine(i) }),
                }
              : undefined
          }
          locale={{ emptyText: t('bank.empty') }}
          data-testid="items-table"
          data-total={list.data?.total ?? 0}
        />
      </Card>
      <ItemDetailDrawer
        itemId={detail}
        onClose={() => setDetail(null)}
        mayEdit={mine}
        onEdit={(item) => {
          setDetail(null);
          setEditor({ mode: 'edit', item });
        }}
      />
      <ItemEditorDrawer
        open={editor !== null}
        item={editor?.mode === 'edit' ? editor.item : undefined}
        blueprintId={chosen && chosen.orgId === me.organisation.id ? chosen.id : undefined}
        onClose={() => setEditor(null)}
        onSaved={(saved) => setDetail(saved.id)}
      />
      <ItemImportModal open={importing === 'excel'} onClose={() => setImporting(null)} />
      <QtiImportModal
        open={importing === 'qti'}
        blueprintId={chosen && chosen.orgId === me.organisation.id ? chosen.id : undefined}
        onClose={() => setImporting(null)}
      />
    </>
  );
}

/** ITEM.SELF_REVIEW: how many of the selected items are the user's own, and a way to leave them out. */
function SelfReviewHint({ error, onDeselect }: { error: ApiError; onDeselect: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const ids = Array.isArray(error.details?.ids) ? error.details.ids.map(String) : [];
  const count = typeof error.details?.count === 'number' ? error.details.count : ids.length;
  return (
    <Flex gap={8} align="center" wrap style={{ marginTop: 4 }}>
      <Typography.Text data-testid="bank-self-review-count">{t('bank.selfReviewCount', { count })}</Typography.Text>
      {ids.length ? (
        <Button size="small" onClick={() => onDeselect(ids)}>
          {t('bank.deselectOwn')}
        </Button>
      ) : null}
    </Flex>
  );
}
