import type { TFunction } from 'i18next';
import { ApiError } from '@/lib/http';
import { i18n } from '@/lib/i18n';
import { zhCN } from '@/locales/zh-CN';

type ApiErrorKey = keyof typeof zhCN.apiErrors;
type MissingPart = keyof typeof zhCN.missingParts;

/**
 * The web app's own wording of the domain error codes (FILING.STALE → `apiErrors.FILING_STALE`), for codes the
 * server answers without a localised message; any other code keeps the server's message.
 */
export function apiErrorKey(code: string): ApiErrorKey | undefined {
  const key = code.replace(/\./g, '_');
  return Object.hasOwn(zhCN.apiErrors, key) ? (key as ApiErrorKey) : undefined;
}

/** A failed request in words: our catalog entry for its code, else the server's message. FILING.INCOMPLETE names the missing parts. */
export function errorText(error: unknown, t: TFunction = i18n.t): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : t('errors.unknown');
  const key = apiErrorKey(error.code);
  let text = key ? t(`apiErrors.${key}`) : error.message;
  if (error.code === 'FILING.INCOMPLETE' && Array.isArray(error.details?.missing)) {
    text = t('filings.incompleteTitle', { parts: missingPartsText(error.details.missing, t) });
  }
  return text;
}

export function missingPartsText(missing: unknown[], t: TFunction = i18n.t): string {
  return missing
    .map((m) => (typeof m === 'string' && Object.hasOwn(zhCN.missingParts, m) ? t(`missingParts.${m as MissingPart}`) : String(m)))
    .join(t('common.listSeparator'));
}

/** Someone else moved the record first (409): the page refetches and says so. */
export function isStale(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 409 &&
    ['FILING.STALE', 'FILING.TRANSITION_OUT_OF_ORDER', 'SPEC.TRANSITION_OUT_OF_ORDER', 'PROPOSAL.TRANSITION_OUT_OF_ORDER'].includes(error.code)
  );
}
