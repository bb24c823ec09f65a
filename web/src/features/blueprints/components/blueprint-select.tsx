import type { Blueprint } from '@skillcert/shared/api/banks';
import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useBlueprints } from '@/features/blueprints/api/get-blueprints';
import { blueprintLabel } from '@/features/blueprints/components/blueprint-nodes';

interface BlueprintSelectProps {
  value?: string;
  onChange?: (id: string | undefined, blueprint: Blueprint | undefined) => void;
  /** Only my own school's blueprints (where I write items, assemble papers, map courses). */
  ownOnly?: boolean;
  allowClear?: boolean;
  disabled?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}

/** Picks a 鉴定要素细目表 in my scope by occupation and level (searchable). */
export function BlueprintSelect({
  value,
  onChange,
  ownOnly = false,
  allowClear,
  disabled,
  placeholder,
  style,
  id,
  'data-testid': testId,
}: BlueprintSelectProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const list = useBlueprints();
  const blueprints = (list.data ?? []).filter((b) => !ownOnly || b.orgId === me.organisation.id);
  const withOrg = me.organisation.kind !== 'school';
  return (
    <Select<string>
      id={id}
      data-testid={testId}
      style={style}
      value={value}
      allowClear={allowClear}
      disabled={disabled}
      loading={list.isFetching}
      placeholder={placeholder ?? t('blueprints.selectPlaceholder')}
      showSearch={{ optionFilterProp: 'label' }}
      popupMatchSelectWidth={false}
      onChange={(v) =>
        onChange?.(
          v,
          blueprints.find((b) => b.id === v),
        )
      }
      options={blueprints.map((b) => ({ value: b.id, label: blueprintLabel(b, t, withOrg) }))}
    />
  );
}
