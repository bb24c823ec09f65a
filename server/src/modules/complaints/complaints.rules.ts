import type { ComplaintStatus } from '@skillcert/shared/api/complaints';

/**
 * 投诉 (complaints) as a state machine (R14: institutions accept supervision; HR investigates problems).
 * new → assigned → investigating → answered → closed. A complaint may be re-assigned until it is answered.
 */
export type ComplaintStep = 'assign' | 'note' | 'answer' | 'close';

const FROM: Record<ComplaintStep, readonly ComplaintStatus[]> = {
  assign: ['new', 'assigned', 'investigating'],
  note: ['assigned', 'investigating'],
  answer: ['assigned', 'investigating'],
  close: ['answered'],
};

/** The status after a step, or null when the step is not allowed from the current status. */
export function nextComplaintStatus(current: ComplaintStatus, step: ComplaintStep): ComplaintStatus | null {
  if (!FROM[step].includes(current)) return null;
  switch (step) {
    case 'assign':
      return current === 'new' ? 'assigned' : current;
    case 'note':
      return 'investigating';
    case 'answer':
      return 'answered';
    case 'close':
      return 'closed';
  }
}

/** Steps after assignment are the assignee's own (one officer answers for the investigation). */
export function mustBeAssignee(step: ComplaintStep): boolean {
  return step === 'note' || step === 'answer';
}

export type EvidenceKind = { mimeType: 'image/jpeg' | 'image/png' | 'application/pdf'; ext: string };

/** What an evidence file really is, by its first bytes (the name and the declared type are not trusted). */
export function sniffEvidence(bytes: Uint8Array): EvidenceKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { mimeType: 'image/jpeg', ext: 'jpg' };
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47 && bytes[4] === 0x0d && bytes[5] === 0x0a)
    return { mimeType: 'image/png', ext: 'png' };
  if (bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-') return { mimeType: 'application/pdf', ext: 'pdf' };
  return null;
}
