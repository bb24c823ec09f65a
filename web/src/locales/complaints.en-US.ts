import type { complaintsZhCN } from '@/locales/complaints.zh-CN';

/** Complaint form and tracking page strings (en-US); same keys as complaints.zh-CN.ts. */
export const complaintsEnUS: typeof complaintsZhCN = {
  complaints: {
    title: 'Complain about an institution',
    subtitle: 'Anyone may complain about misconduct in skill-level evaluation; follow the handling and the answer with the tracking code',
    login: 'Sign in',
    institution: 'Institution complained about',
    institutionSearch: 'Type a name to search the catalog',
    institutionPick: 'Choose an institution from the catalog',
    matter: 'What happened',
    matterHint: 'When, where and what happened (at least 10 characters)',
    name: 'Your name',
    contact: 'Contact (phone or email; seen only by the officers handling it)',
    evidence: 'Evidence (JPEG, PNG or PDF; up to 3 files of 2 MB each)',
    evidenceTooLarge: 'File {{name}} is larger than 2 MB',
    submit: 'Submit complaint',
    done: 'Complaint submitted. Keep your tracking code:',
    doneHint: 'Use the code to see the progress and the answer at any time.',
    track: {
      title: 'Follow a complaint',
      placeholder: 'Tracking code, e.g. ABCDE-23456',
      submit: 'Look up',
      institution: 'Institution',
      matter: 'Matter',
      answer: 'Answer',
      noAnswer: 'Not answered yet',
      createdAt: 'Submitted',
      notFound: 'No complaint has this tracking code',
    },
    status: { new: 'Received', assigned: 'Assigned', investigating: 'Under investigation', answered: 'Answered', closed: 'Closed' },
  },
};
