import { ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RegionCascader } from '@/features/regions/components/region-cascader';

interface InstitutionFiltersProps {
  values: { q?: string; region?: string; occupation?: string };
  setFilters: (patch: { q?: string; region?: string; occupation?: string }) => void;
  reset: () => void;
  /** Test-id prefix (`institutions` in the app, `public` in the public catalog). */
  testIdPrefix: string;
}

/** Name / certificate prefix, province → city region, and occupation text. */
export function InstitutionFilters({ values, setFilters, reset, testIdPrefix }: InstitutionFiltersProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState(values.q ?? '');
  const [occupation, setOccupation] = useState(values.occupation ?? '');
  return (
    <Flex wrap gap={12} style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        style={{ width: 280 }}
        placeholder={t('institutions.filters.search')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(v) => setFilters({ q: v.trim() || undefined })}
        data-testid={`${testIdPrefix}-search`}
      />
      <RegionCascader
        style={{ width: 240 }}
        maxLevel="city"
        value={values.region}
        onChange={(code) => setFilters({ region: code })}
        placeholder={t('institutions.filters.region')}
        data-testid={`${testIdPrefix}-region`}
      />
      <Input.Search
        allowClear
        style={{ width: 240 }}
        placeholder={t('institutions.filters.occupation')}
        value={occupation}
        onChange={(e) => setOccupation(e.target.value)}
        onSearch={(v) => setFilters({ occupation: v.trim() || undefined })}
        data-testid={`${testIdPrefix}-occupation`}
      />
      <Button
        icon={<ReloadOutlined />}
        onClick={() => {
          setQ('');
          setOccupation('');
          reset();
        }}
      >
        {t('common.reset')}
      </Button>
    </Flex>
  );
}
