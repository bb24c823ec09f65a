import type { Occupation } from '@skillcert/shared/api/occupations';
import { Select, Spin } from 'antd';
import { type CSSProperties, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOccupation } from '@/features/occupations/api/get-occupation';
import { useOccupations } from '@/features/occupations/api/get-occupations';
import { useDebouncedValue } from '@/lib/use-debounced-value';

interface OccupationSelectProps {
  /** The chosen occupation code. */
  value?: string;
  onChange?: (code: string | undefined, occupation: Occupation | undefined) => void;
  /** Only occupations with (true) or without (false) a national standard. */
  hasStandard?: boolean;
  /** Only skill occupations (技能人员职业), e.g. for a filing's scope. */
  skill?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}

/**
 * Picks an occupation of the catalog, searching `GET /api/occupations?q=` as the user types: code, name, pinyin
 * initials (gyjqr → 工业机器人…) or work type (工种) — the same search as the catalog page.
 */
export function OccupationSelect({
  value,
  onChange,
  hasStandard,
  skill,
  placeholder,
  allowClear = false,
  disabled,
  style,
  id,
  'data-testid': testId,
}: OccupationSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const list = useOccupations({ q: q || undefined, hasStandard, skill, page: 1, pageSize: 30 });
  // The chosen one may not be on the current result page: load it for its name.
  const chosen = useOccupation(value);

  const byCode = useMemo(() => {
    const map = new Map<string, Occupation>();
    for (const o of list.data?.items ?? []) map.set(o.code, o);
    if (chosen.data && !map.has(chosen.data.code)) map.set(chosen.data.code, chosen.data);
    return map;
  }, [list.data, chosen.data]);

  const options = useMemo(
    () =>
      [...byCode.values()].map((o) => ({
        value: o.code,
        label: t('occupations.optionLabel', { name: o.name, code: o.code }),
        title: o.hierarchy.minor ? `${o.hierarchy.minor.code} ${o.hierarchy.minor.name}` : o.code,
      })),
    [byCode, t],
  );

  return (
    <Select<string>
      id={id}
      data-testid={testId}
      style={style}
      value={value}
      onChange={(code) => onChange?.(code, code ? byCode.get(code) : undefined)}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder ?? t('occupations.selectPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      loading={list.isFetching}
      notFoundContent={list.isFetching ? <Spin size="small" /> : t('common.noData')}
      options={options}
      popupMatchSelectWidth={false}
    />
  );
}
