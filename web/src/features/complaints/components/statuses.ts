import type { ComplaintStatus } from '@skillcert/shared/api/complaints';

/** The complaint states in workflow order (the queue's filter). */
export const COMPLAINT_STATUSES_UI: readonly ComplaintStatus[] = ['new', 'assigned', 'investigating', 'answered', 'closed'];
