import type { FilingType } from '../api/filings.ts';

/** The parts of a 备案 application that can be missing (keys of the web's `missingParts` texts). */
export type MissingPart = 'scope' | 'sites' | 'assessors' | 'attachments';

/**
 * Parts an application must have before it is submitted. One function for both sides: the server refuses a submission
 * with FILING.INCOMPLETE naming these parts; the web's pre-submit self-check runs the same function, so the two agree.
 */
export function missingParts(f: {
  scope: readonly unknown[];
  sites: readonly unknown[];
  assessors: readonly unknown[];
  attachmentIds: readonly unknown[];
  type: FilingType;
}): MissingPart[] {
  const missing: MissingPart[] = [];
  if (f.scope.length === 0) missing.push('scope');
  if (f.type === 'initial' && f.sites.length === 0) missing.push('sites');
  if (f.type === 'initial' && f.assessors.length === 0) missing.push('assessors');
  if (f.attachmentIds.length === 0) missing.push('attachments');
  return missing;
}
