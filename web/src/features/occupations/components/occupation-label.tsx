import { Typography } from 'antd';
import { useOccupation } from '@/features/occupations/api/get-occupation';

/** An occupation code with its name beside it (维修电工 6-31-01-03), for records that carry only the code. */
export function OccupationLabel({ code }: { code: string }) {
  const occupation = useOccupation(code);
  return (
    <span data-testid="occupation-label">
      {occupation.data?.name ? <span style={{ marginInlineEnd: 6 }}>{occupation.data.name}</span> : null}
      <Typography.Text code>{code}</Typography.Text>
    </span>
  );
}
