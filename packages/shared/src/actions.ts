/**
 * Every action the platform authorises. Routes name one; the server policy grants them;
 * the web app reads the same names only to hide what a user cannot do.
 */
export const ACTIONS = [
  'auth.me',
  'auth.logout',
  'auth.change_password',
  'org.read',
  'org.create',
  'org.update',
  'user.read',
  'user.create',
  'user.update',
  'audit.read',
  'audit.verify',
  'policy.read',
  'occupation.read',
  'occupation.manage',
  'filing.read',
  'filing.apply', // a school drafts, edits and submits its own filings
  'filing.review', // a bureau acts on the steps the policy profile gives it
  'institution.read',
  'institution.sanction', // record violations, suspend, reinstate, revoke
  'spec.read',
  'spec.apply',
  'spec.review',
  'special_item.read',
  'special_item.propose',
  'special_item.review',
  'bank.read', // 题库: blueprints, items, papers, item statistics, curriculum coverage
  'bank.manage', // a school keeps its blueprints, items and papers
  'curriculum.manage', // a school maps its courses to blueprint areas
  'plan.read', // 认定计划: the school's own, HR's in region, a supervisor's assigned ones
  'plan.manage', // a school drafts, submits, changes and runs its plans
  'plan.acknowledge', // HR acknowledges (备案) or returns a plan, assigns supervisors, decides change requests
  'plan.supervise', // an external supervisor reads assigned plans and replays examiner draws
  'attachment.upload',
  'attachment.read',
  // 报名 and 考务 (enrolment and exam administration)
  'enrolment.read', // candidates of the plans in scope, ID numbers masked
  'enrolment.manage', // a school enrols candidates, uploads photos, arranges seats, issues tickets
  'identity.reveal', // a school's staff see one candidate's whole ID number (audited)
  'candidate.self', // a candidate's own page: plans, tickets, photo
  // 证书 (certificates)
  'certificate.read', // the certificates of the institution (school) or of the region (HR)
  'certificate.issue', // a school issues a plan's batch, reissues (补发/换发)
  'certificate.revoke', // the issuer, or HR on a violation
] as const;
export type Action = (typeof ACTIONS)[number];
