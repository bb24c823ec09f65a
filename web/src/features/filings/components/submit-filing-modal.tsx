import type { Filing, FilingDetail } from '@skillcert/shared/api/filings';
import { missingParts } from '@skillcert/shared/rules/filing-completeness';
import { Alert, App, Modal, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFilingEligibility } from '@/features/filings/api/get-filing-eligibility';
import { useSubmitFiling } from '@/features/filings/api/submit-filing';
import { EligibilityTable } from '@/features/filings/components/eligibility-table';
import { usePolicy } from '@/features/policies/api/get-policy';
import { isStale, missingPartsText } from '@/lib/api-errors';
import { ApiError } from '@/lib/http';

interface SubmitFilingModalProps {
  filing: Pick<Filing, 'id' | 'status' | 'scope' | 'sites' | 'assessors' | 'attachmentIds' | 'type' | 'profileId'> | null;
  onClose: () => void;
  onSubmitted: (filing: FilingDetail) => void;
  /** The server refused (422 FILING.NOT_ELIGIBLE naming the rule, or FILING.INCOMPLETE): the page shows why. */
  onRefused: (error: ApiError) => void;
}

/**
 * "Before you submit": the same checks the server runs on submission — completeness (`missingParts`, one shared
 * function) and the eligibility report (R1, R3, and R4 for 增设) — then the submission with the status the page
 * showed (a 409 means someone else moved it first).
 */
export function SubmitFilingModal({ filing, onClose, onSubmitted, onRefused }: SubmitFilingModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useFilingEligibility(filing?.id, { enabled: filing !== null });
  // The table names each rule by its clause of the published text: shown once both are here, so the table (and the
  // button under it) does not move after it appears — a click landing as it grew was lost (e2e filing-flow, under load).
  const policy = usePolicy(filing?.profileId);
  const loading = report.isPending || (Boolean(filing?.profileId) && policy.isPending);
  const submit = useSubmitFiling();
  const missing = filing ? missingParts(filing) : [];
  const eligible = (report.data?.eligible ?? false) && missing.length === 0;

  const onOk = () => {
    if (!filing) return;
    submit.mutate(
      { id: filing.id, expectedStatus: filing.status },
      {
        onSuccess: (submitted) => {
          void message.success(t('filings.submitted'));
          onSubmitted(submitted);
        },
        onError: (error) => {
          if (isStale(error)) {
            void message.warning(t('filings.stale'));
            onClose();
            return;
          }
          if (error instanceof ApiError && (error.code === 'FILING.NOT_ELIGIBLE' || error.code === 'FILING.INCOMPLETE')) {
            onRefused(error);
            onClose();
          }
        },
      },
    );
  };

  return (
    <Modal
      open={filing !== null}
      title={t('filings.submitTitle')}
      width={760}
      destroyOnHidden
      onCancel={onClose}
      onOk={onOk}
      okText={report.data && !eligible ? t('filings.submitAnyway') : t('filings.submitConfirm')}
      okButtonProps={{
        loading: submit.isPending,
        disabled: loading,
        danger: Boolean(report.data && !eligible),
        'data-testid': 'filing-submit-confirm',
      }}
      cancelText={t('common.cancel')}
      data-testid="filing-submit-modal"
    >
      <Typography.Paragraph type="secondary">{t('filings.submitIntro')}</Typography.Paragraph>
      {missing.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={t('filings.incompleteTitle', { parts: missingPartsText(missing, t) })}
          style={{ marginBottom: 12 }}
          data-testid="filing-selfcheck-missing"
          data-missing={missing.join(',')}
        />
      ) : null}
      {loading ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : report.data ? (
        <>
          <Alert
            type={eligible ? 'success' : 'warning'}
            showIcon
            title={eligible ? t('eligibility.eligible') : t('eligibility.notEligible')}
            style={{ marginBottom: 12 }}
            data-testid="filing-eligibility-verdict"
          />
          <EligibilityTable checks={report.data.checks} lines={filing?.scope} profileId={filing?.profileId} data-testid="filing-eligibility" />
        </>
      ) : null}
    </Modal>
  );
}
