import type { Blueprint } from '@skillcert/shared/api/banks';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** R5: what the blueprint stands on — the national standard (year) or the school's filed 评价规范. */
export function BlueprintBasisTag({ basis }: { basis: Blueprint['basis'] }) {
  const { t } = useTranslation();
  return basis.kind === 'national_standard' ? (
    <Tag color="green" data-testid="blueprint-basis" data-basis={basis.kind}>
      {t('blueprints.basisStandard', { year: basis.year })}
    </Tag>
  ) : (
    <Tag color="blue" data-testid="blueprint-basis" data-basis={basis.kind}>
      {t('blueprints.basisSpec')}
    </Tag>
  );
}
