import type { Region } from '@skillcert/shared/api/regions';
import type { RegionLevel } from '@skillcert/shared/domain';
import { useQueries } from '@tanstack/react-query';
import { Cascader } from 'antd';
import { type CSSProperties, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { regionsQueryOptions, useRegions } from '@/features/regions/api/get-regions';

interface RegionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: RegionOption[];
}

const DEPTH: Record<RegionLevel, number> = { province: 1, city: 2, county: 3 };

/** The codes from the province down to `code` (GB/T 2260: province = first 2 digits, city = first 4). */
export function regionPath(code: string | null | undefined): string[] {
  if (!code || !/^\d{6}$/.test(code)) return [];
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  const path = [province];
  if (city !== province) path.push(city);
  if (code !== city) path.push(code);
  return path;
}

interface RegionCascaderProps {
  /** The selected GB/T 2260 code (province, city or county). */
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  /** Deepest level offered (default: county). */
  maxLevel?: RegionLevel;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}

/**
 * Province → city → county picker, loading each level from `GET /api/regions?parent=` on demand.
 * Any level may be chosen (a provincial bureau sits at a province code). Works as an antd form control.
 */
export function RegionCascader({
  value,
  onChange,
  maxLevel = 'county',
  placeholder,
  allowClear = true,
  disabled,
  style,
  id,
  'data-testid': testId,
}: RegionCascaderProps) {
  const { t } = useTranslation();
  const maxDepth = DEPTH[maxLevel];
  const provinces = useRegions({});
  /** Parents whose children the user opened. */
  const [opened, setOpened] = useState<string[]>([]);
  const selectedPath = useMemo(() => regionPath(value), [value]);

  const parents = useMemo(() => {
    const all = new Set([...opened, ...selectedPath.slice(0, -1)]);
    return [...all].sort();
  }, [opened, selectedPath]);

  const children = useQueries({
    queries: parents.map((parent) => regionsQueryOptions({ parent })),
  });

  const options = useMemo(() => {
    const loaded = new Map<string, { regions?: Region[]; failed: boolean }>();
    parents.forEach((parent, i) => {
      const q = children[i];
      if (q) loaded.set(parent, { regions: q.data, failed: q.isError });
    });
    const build = (list: Region[], depth: number): RegionOption[] =>
      list.map((r) => {
        const own = loaded.get(r.code);
        const atBottom = depth >= maxDepth || r.level === 'county';
        const noChildren = own?.failed === true || (own?.regions !== undefined && own.regions.length === 0);
        return {
          value: r.code,
          label: r.name,
          isLeaf: atBottom || noChildren,
          children: !atBottom && own?.regions && own.regions.length > 0 ? build(own.regions, depth + 1) : undefined,
        };
      });
    return build(provinces.data ?? [], 1);
  }, [provinces.data, parents, children, maxDepth]);

  return (
    <Cascader<RegionOption>
      id={id}
      data-testid={testId}
      style={style}
      options={options}
      value={selectedPath.length > 0 ? selectedPath : undefined}
      loadData={(selected) => {
        const last = selected[selected.length - 1];
        if (last) setOpened((prev) => (prev.includes(last.value) ? prev : [...prev, last.value]));
      }}
      onChange={(path) => {
        const codes = (path ?? []) as string[];
        onChange?.(codes.length > 0 ? codes[codes.length - 1] : undefined);
      }}
      changeOnSelect
      allowClear={allowClear}
      disabled={disabled}
      loading={provinces.isPending}
      placeholder={placeholder ?? t('regions.placeholder')}
      notFoundContent={provinces.isError ? t('regions.loadFailed') : undefined}
    />
  );
}
