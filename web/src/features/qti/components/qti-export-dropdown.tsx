import { DownOutlined, ExportOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useBlueprints } from '@/features/blueprints/api/get-blueprints';
import { blueprintLabel } from '@/features/blueprints/components/blueprint-nodes';
import { blueprintQtiPath } from '@/features/qti/api/import-qti';
import { reportError } from '@/lib/error-reporting';
import { saveBlob } from '@/lib/files';
import { http } from '@/lib/http';

/** QTI 导出 per blueprint: the bank of the chosen 细目表 (items not retired) as a QTI 3.0 package. */
export function QtiExportDropdown() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const blueprints = useBlueprints();
  const [busy, setBusy] = useState(false);
  const withOrg = me.organisation.kind !== 'school';
  const download = (id: string) => {
    setBusy(true);
    http
      .file(blueprintQtiPath(id))
      .then(({ blob, filename }) => saveBlob(blob, filename ?? 'bank-qti.zip'), reportError)
      .finally(() => setBusy(false));
  };
  return (
    <Dropdown
      trigger={['click']}
      disabled={!blueprints.data?.length}
      menu={{
        items: (blueprints.data ?? []).map((b) => ({ key: b.id, label: <span data-testid="qti-export-option">{blueprintLabel(b, t, withOrg)}</span> })),
        onClick: ({ key }) => download(key),
      }}
    >
      <Button icon={<ExportOutlined />} loading={busy} data-testid="bank-qti-export">
        {t('bank.qtiExport')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
