import type { certificatesZhCN } from '@/locales/certificates.zh-CN';

/** The certificate screens' strings (en-US); same keys as certificates.zh-CN.ts. */
export const certificatesEnUS: typeof certificatesZhCN = {
  certificates: {
    title: 'Certificates',
    mine: 'My certificates',
    noneYet: 'No certificate yet',
    batch: 'Issue for this plan',
    issue: 'Issue to candidates cleared after publicity',
    issued: 'Issued {{issued}} / {{total}}',
    notCleared: '{{n}} candidates did not pass or have an open objection',
    zip: 'All PDFs (ZIP)',
    downloadZip: 'Download ZIP',
    plan: 'Choose a plan',
    search: 'Number or name',
    actions: 'Actions',
    revoke: 'Revoke',
    revokeTitle: 'Revoke certificate {{number}}',
    reason: 'Reason (required)',
    reissue: 'Reissue',
    reissueTitle: 'Reissue certificate {{number}} (same number)',
    lost: 'Lost (补发)',
    damaged: 'Damaged (换发)',
    remark: 'Remark (required)',
    print: 'print {{n}}',
    pdf: 'Download the PDF',
    verifyLink: 'Copy the verification link',
  },
};
