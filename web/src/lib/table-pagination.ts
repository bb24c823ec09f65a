import type { TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';

/** The one pagination setup of every server-paged table: page and size from the URL, the total from the API. */
export function useTablePagination(
  page: number,
  pageSize: number,
  total: number | undefined,
  onChange: (page: number, pageSize: number) => void,
): TablePaginationConfig {
  const { t } = useTranslation();
  return {
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    showTotal: (n) => t('common.total', { total: n }),
    onChange,
  };
}
