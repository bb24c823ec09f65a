import type { SkillLevel } from '@skillcert/shared/domain';
import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { useBlueprints } from '@/features/blueprints/api/get-blueprints';
import { ApiError } from '@/lib/http';

function codesOf(error: ApiError): string[] {
  const raw = error.details?.codes;
  return Array.isArray(raw) ? raw.map(String) : [];
}

/** The blueprint that already exists for an occupation and level (409 BLUEPRINT.EXISTS): a link to it. */
function ExistingLink({ occupationCode, level }: { occupationCode: string; level: SkillLevel }) {
  const { t } = useTranslation();
  const existing = useBlueprints({ occupationCode, level });
  const mine = existing.data?.[0];
  return mine ? (
    <Link to={`/blueprints/${mine.id}`} data-testid="blueprint-existing-link">
      <Button size="small" type="link" style={{ paddingInline: 0 }}>
        {t('blueprints.refusal.openExisting')}
      </Button>
    </Link>
  ) : null;
}

/**
 * Why the server refused to save the blueprint: R5 (no national standard and no filed 评价规范, 422),
 * an existing blueprint for the occupation and level (409), codes that items sit on (409 BLUEPRINT.CODE_IN_USE),
 * repeated codes; anything else as the server says.
 */
export function BlueprintSaveAlert({
  error,
  onClose,
  occupationCode,
  level,
}: {
  error: unknown;
  onClose: () => void;
  occupationCode?: string;
  level?: SkillLevel;
}) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) return <ApiErrorAlert error={error} onClose={onClose} />;
  if (error.code === 'BLUEPRINT.CODE_IN_USE') {
    const codes = codesOf(error);
    return (
      <ApiErrorAlert error={error} onClose={onClose} data-testid="blueprint-refusal">
        <Typography.Paragraph style={{ margin: '4px 0 0' }} data-testid="blueprint-codes-in-use">
          {t('blueprints.refusal.codesInUse', { codes: codes.join(t('common.listSeparator')) })}
        </Typography.Paragraph>
      </ApiErrorAlert>
    );
  }
  if (error.code === 'BLUEPRINT.NO_BASIS') {
    return (
      <ApiErrorAlert error={error} onClose={onClose} data-testid="blueprint-refusal">
        <Typography.Paragraph style={{ margin: '4px 0 0' }}>
          {t('blueprints.refusal.noBasis')} <Link to="/specs">{t('blueprints.refusal.toSpecs')}</Link>
        </Typography.Paragraph>
      </ApiErrorAlert>
    );
  }
  if (error.code === 'BLUEPRINT.EXISTS') {
    return (
      <ApiErrorAlert error={error} onClose={onClose} data-testid="blueprint-refusal">
        {occupationCode && level ? <ExistingLink occupationCode={occupationCode} level={level} /> : null}
      </ApiErrorAlert>
    );
  }
  return <ApiErrorAlert error={error} onClose={onClose} data-testid="blueprint-refusal" />;
}
