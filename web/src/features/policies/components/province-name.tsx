import { useTranslation } from 'react-i18next';
import { useRegion } from '@/features/regions/api/get-region';

/** A profile's 2-digit province ("31" → 上海市; "00" → 全国). */
export function ProvinceName({ province }: { province: string }) {
  const { t } = useTranslation();
  const national = province === '00';
  const region = useRegion(national ? undefined : `${province}0000`);
  if (national) return <>{t('policies.national')}</>;
  return <>{region.data?.name ?? province}</>;
}
