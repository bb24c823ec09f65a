import { ArrowLeftOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import type { FilingDetail, FilingKind } from '@skillcert/shared/api/filings';
import { Alert, App, Button, Card, Flex, Form, Input, Radio, Skeleton, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { Reveal } from '@/components/reveal';
import { LoadErrorResult } from '@/components/status-result';
import { AttachmentsField } from '@/features/attachments/components/attachments-field';
import { useCurrentUser } from '@/features/auth/components/current-user';
import { useCreateFiling } from '@/features/filings/api/create-filing';
import { useFiling } from '@/features/filings/api/get-filing';
import { useUpdateFiling } from '@/features/filings/api/update-filing';
import { AssessorsEditor } from '@/features/filings/components/assessors-editor';
import { EligibilityTable } from '@/features/filings/components/eligibility-table';
import { FilingRefusalAlert } from '@/features/filings/components/filing-refusal-alert';
import { createFilingBody, filingBody, type FilingFormValues, initialFormValues } from '@/features/filings/components/filing-form-values';
import { ScopeLinesEditor } from '@/features/filings/components/scope-lines-editor';
import { SitesEditor } from '@/features/filings/components/sites-editor';
import { SubmitFilingModal } from '@/features/filings/components/submit-filing-modal';
import { useExpansionEligibility } from '@/features/institutions/api/get-expansion-eligibility';
import { useInstitution } from '@/features/institutions/api/get-institution';
import { errorText } from '@/lib/api-errors';
import { applyFieldIssues, scrollToFirstError } from '@/lib/form';
import { ApiError } from '@/lib/http';

const KINDS: FilingKind[] = ['skill_level', 'special_ability'];
const PHONE = /^[0-9+\- ]{7,20}$/;

/** New filing (/filings/new, or /filings/new?institution=<id> for a 增设), or edit a draft / returned one (/filings/:id/edit). */
export function FilingFormPage() {
  const { id } = useParams<{ id: string }>();
  const [params] = useSearchParams();
  const me = useCurrentUser();
  const filing = useFiling(id);
  if (id && filing.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (id && filing.isError) return <LoadErrorResult error={filing.error} onRetry={() => void filing.refetch()} />;
  const existing = filing.data;
  if (existing && (existing.orgId !== me.organisation.id || !['draft', 'returned'].includes(existing.status))) {
    return <Navigate to={`/filings/${existing.id}`} replace />;
  }
  const institutionId = existing
    ? existing.type === 'expansion'
      ? (existing.institutionId ?? undefined)
      : undefined
    : (params.get('institution') ?? undefined);
  return <FilingForm key={existing?.id ?? 'new'} existing={existing} institutionId={institutionId} />;
}

function FilingForm({ existing, institutionId }: { existing: FilingDetail | undefined; institutionId: string | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const [form] = Form.useForm<FilingFormValues>();
  const create = useCreateFiling();
  const update = useUpdateFiling();
  const institution = useInstitution(institutionId);
  const expansion = useExpansionEligibility(institutionId);
  /** The saved filing (after the first save of a new one). */
  const [saved, setSaved] = useState<FilingDetail | undefined>(existing);
  const [submitting, setSubmitting] = useState<FilingDetail | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [createError, setCreateError] = useState<ApiError | null>(null);
  const kind = (Form.useWatch('kind', form) as FilingKind | undefined) ?? existing?.kind ?? institution.data?.kind ?? 'skill_level';
  const province = me.organisation.regionCode.slice(0, 2);
  const saving = create.isPending || update.isPending;
  const kindLocked = saved !== undefined || institutionId !== undefined;

  if (institutionId && institution.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (institutionId && institution.isError) return <LoadErrorResult error={institution.error} onRetry={() => void institution.refetch()} />;

  // The parts a refusal named (FILING.INCOMPLETE): their cards are outlined until the next save.
  const missing = refusal?.code === 'FILING.INCOMPLETE' && Array.isArray(refusal.details?.missing) ? refusal.details.missing.map(String) : [];
  const highlight = (part: string) => (missing.includes(part) ? { borderColor: '#ff4d4f', boxShadow: '0 0 0 2px rgba(255, 77, 79, 0.2)' } : undefined);
  const isInitial = !institutionId && (saved?.type ?? 'initial') === 'initial';

  /** The refusal shows at the top (scrolled into view by <Reveal>); the fields it names are marked. Nothing typed is reset. */
  const showProblem = (error: ApiError) => {
    setRefusal(error);
    const line = error.details?.line;
    if (typeof line === 'number')
      form.setFields([{ name: ['scope', line, 'level'], errors: [t('filings.refusalTitle', { rule: String(error.details?.rule ?? '') })] }]);
  };

  /** Create or update; resolves with the stored filing, or undefined when the server refused (shown in place). */
  const save = async (): Promise<FilingDetail | undefined> => {
    let values: FilingFormValues;
    try {
      values = await form.validateFields();
    } catch (invalid) {
      const errorFields = (invalid as { errorFields?: { name: (string | number)[] }[] }).errorFields ?? [];
      scrollToFirstError(form, errorFields);
      return undefined;
    }
    setRefusal(null);
    setCreateError(null);
    try {
      const result = saved
        ? await update.mutateAsync({ id: saved.id, body: filingBody({ ...values, kind: saved.kind }) })
        : await create.mutateAsync(createFilingBody({ ...values, kind: institution.data?.kind ?? values.kind }, institutionId));
      setSaved(result);
      return result;
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'FILING.OPEN_EXISTS' || error.code === 'FILING.ALREADY_LISTED')) setCreateError(error);
      else if (!applyFieldIssues(form, error) && error instanceof ApiError && error.status === 422) showProblem(error);
      return undefined;
    }
  };

  const onSaveDraft = async () => {
    const result = await save();
    if (!result) return;
    void message.success(t('filings.savedDraft'));
    if (!existing) void navigate(`/filings/${result.id}/edit`, { replace: true });
  };

  const onSubmit = async () => {
    const result = await save();
    if (result) setSubmitting(result);
  };

  const title = institutionId
    ? t('filings.expansionTitle', { name: institution.data?.name ?? '' })
    : existing
      ? t('filings.editTitle')
      : t('filings.createTitle');

  return (
    <div>
      <PageHeader
        title={<span data-testid="filing-form-title">{title}</span>}
        subtitle={saved ? t(`filingStatus.${saved.status}`) : undefined}
        extra={
          <Link to={saved ? `/filings/${saved.id}` : '/filings'}>
            <Button icon={<ArrowLeftOutlined />}>{t('filings.backToList')}</Button>
          </Link>
        }
      />
      {refusal ? (
        <Reveal token={refusal}>
          <FilingRefusalAlert error={refusal} onClose={() => setRefusal(null)} profileId={saved?.profileId ?? institution.data?.profileId} />
        </Reveal>
      ) : null}
      {createError ? (
        <Alert
          type="warning"
          showIcon
          data-testid="filing-create-conflict"
          title={errorText(createError, t)}
          action={
            <Link to={createError.code === 'FILING.ALREADY_LISTED' ? '/institutions' : '/filings?tab=all'}>
              <Button size="small">{createError.code === 'FILING.ALREADY_LISTED' ? t('nav.institutions') : t('nav.filings')}</Button>
            </Link>
          }
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {existing?.status === 'returned' ? <ReturnedReason filing={existing} /> : null}
      <Form<FilingFormValues>
        form={form}
        layout="vertical"
        disabled={saving}
        initialValues={initialFormValues(existing, { kind: institution.data?.kind, contactName: me.displayName, expansion: institutionId !== undefined })}
        onValuesChange={(changed: Partial<FilingFormValues>) => {
          if (changed.kind) form.setFieldValue('scope', [{}]);
        }}
        data-testid="filing-form"
      >
        <Flex vertical gap={16}>
          {institutionId ? (
            <Card title={t('institutions.expansion.title')} data-testid="expansion-eligibility-card">
              <Typography.Paragraph type="secondary">{t('filings.expansionIntro')}</Typography.Paragraph>
              {expansion.data ? (
                <>
                  <Alert
                    type={expansion.data.eligible ? 'success' : 'warning'}
                    showIcon
                    title={expansion.data.eligible ? t('institutions.expansion.eligible') : t('institutions.expansion.notEligible')}
                    style={{ marginBottom: 12 }}
                  />
                  <EligibilityTable checks={expansion.data.checks} profileId={institution.data?.profileId} data-testid="expansion-eligibility" />
                </>
              ) : (
                <Skeleton active paragraph={{ rows: 3 }} />
              )}
            </Card>
          ) : null}
          <Card title={t('filings.form.basics')}>
            <Form.Item name="kind" label={t('filings.fields.kind')} extra={kindLocked ? t('filings.form.kindLocked') : undefined}>
              <Radio.Group disabled={kindLocked} data-testid="filing-kind" options={KINDS.map((k) => ({ value: k, label: t(`filingKinds.${k}`) }))} />
            </Form.Item>
            <Flex gap={16} wrap>
              <Form.Item
                name="contactName"
                label={t('filings.fields.contactName')}
                rules={[{ required: true, whitespace: true, message: t('filings.form.contactNameRequired') }, { max: 50 }]}
                style={{ width: 240 }}
              >
                <Input data-testid="filing-contact-name" />
              </Form.Item>
              <Form.Item
                name="contactPhone"
                label={t('filings.fields.contactPhone')}
                rules={[
                  { required: true, message: t('filings.form.contactPhoneFormat') },
                  { pattern: PHONE, message: t('filings.form.contactPhoneFormat') },
                ]}
                style={{ width: 240 }}
              >
                <Input data-testid="filing-contact-phone" />
              </Form.Item>
            </Flex>
          </Card>
          <Card
            title={<Required>{t('filings.scope.title')}</Required>}
            extra={<Typography.Text type="secondary">{t('filings.scope.hint')}</Typography.Text>}
            style={highlight('scope')}
            data-testid="filing-card-scope"
          >
            <ScopeLinesEditor form={form} kind={kind} province={province} disabled={saving} />
          </Card>
          <Card
            title={isInitial ? <Required>{t('filings.sites.title')}</Required> : t('filings.sites.title')}
            extra={<Typography.Text type="secondary">{t('filings.sites.hint')}</Typography.Text>}
            style={highlight('sites')}
            data-testid="filing-card-sites"
          >
            <SitesEditor disabled={saving} />
          </Card>
          <Card
            title={isInitial ? <Required>{t('filings.assessors.title')}</Required> : t('filings.assessors.title')}
            style={highlight('assessors')}
            data-testid="filing-card-assessors"
          >
            <AssessorsEditor disabled={saving} />
          </Card>
          <Card
            title={<Required>{t('filings.attachments.title')}</Required>}
            extra={<Typography.Text type="secondary">{t('filings.attachments.hint')}</Typography.Text>}
            style={highlight('attachments')}
            data-testid="filing-card-attachments"
            data-invalid={missing.includes('attachments') ? true : undefined}
          >
            <Form.Item name="attachmentIds" noStyle>
              <AttachmentsField testId="filing-attachments" disabled={saving} />
            </Form.Item>
          </Card>
          <Card title={t('filings.fields.note')}>
            <Form.Item name="note" rules={[{ max: 2000 }]} style={{ marginBottom: 0 }}>
              <Input.TextArea rows={3} placeholder={t('filings.form.notePlaceholder')} data-testid="filing-note" />
            </Form.Item>
          </Card>
          <Flex justify="flex-end" gap={8}>
            <Button icon={<SaveOutlined />} loading={saving && submitting === null} onClick={() => void onSaveDraft()} data-testid="filing-save">
              {t('filings.saveDraft')}
            </Button>
            <Button type="primary" icon={<SendOutlined />} loading={saving} onClick={() => void onSubmit()} data-testid="filing-submit">
              {t('filings.submit')}
            </Button>
          </Flex>
        </Flex>
      </Form>
      <SubmitFilingModal
        filing={submitting}
        onClose={() => setSubmitting(null)}
        onSubmitted={(f) => void navigate(`/filings/${f.id}`)}
        onRefused={showProblem}
      />
    </div>
  );
}

/** A section the server requires before submission (shared `missingParts`): marked like antd's required fields. */
function Required({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <span data-required="true">
      <span style={{ color: '#ff4d4f', marginInlineEnd: 4 }} aria-hidden="true">
        *
      </span>
      <span className="sr-only">{t('common.required')}</span>
      {children}
    </span>
  );
}

/** A returned application: the reviewer's reason, from the latest `return` event. */
function ReturnedReason({ filing }: { filing: FilingDetail }) {
  const { t } = useTranslation();
  const last = [...filing.events].reverse().find((e) => e.action === 'return');
  if (!last?.reason) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('filingStatus.returned')}
      description={t('filings.timeline.reason', { reason: last.reason })}
      style={{ marginBottom: 16 }}
      data-testid="filing-returned-reason"
    />
  );
}
