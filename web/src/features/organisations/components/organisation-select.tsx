import type { OrgKind } from '@skillcert/shared/domain';
import { Select, Spin } from 'antd';
import { type CSSProperties, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisation } from '@/features/organisations/api/get-organisation';
import { useOrganisations } from '@/features/organisations/api/get-organisations';
import { useDebouncedValue } from '@/lib/use-debounced-value';

interface OrganisationSelectProps {
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** Only organisations of this kind. */
  kind?: OrgKind;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}

/** Picks an organisation in the user's scope, searching `GET /api/organisations?q=` as the user types. */
export function OrganisationSelect({
  value,
  onChange,
  kind,
  placeholder,
  allowClear = true,
  disabled,
  style,
  id,
  'data-testid': testId,
}: OrganisationSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const list = useOrganisations({ q: q || undefined, kind, page: 1, pageSize: 20 });
  // The chosen one may not be on the current result page: load it for its name.
  const chosen = useOrganisation(value);

  const options = useMemo(() => {
    const items = list.data?.items ?? [];
    const opts = items.map((o) => ({ value: o.id, label: o.name, kind: o.kind }));
    if (chosen.data && !opts.some((o) => o.value === chosen.data.id)) {
      opts.unshift({ value: chosen.data.id, label: chosen.data.name, kind: chosen.data.kind });
    }
    return opts.map((o) => ({ value: o.value, label: t('organisations.optionLabel', { name: o.label, kind: t(`orgKinds.${o.kind}`) }) }));
  }, [list.data, chosen.data, t]);

  return (
    <Select<string>
      id={id}
      data-testid={testId}
      style={style}
      value={value}
      onChange={(v) => onChange?.(v)}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder ?? t('organisations.selectPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      loading={list.isFetching}
      notFoundContent={list.isFetching ? <Spin size="small" /> : t('common.noData')}
      options={options}
    />
  );
}
