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
  // 认定结果 and 公示 (results and publicity)
  'result.read', // results and the whole mark record of a plan in scope (the school, HR of the region, the plan's supervisors)
  'result.manage', // a school records process and course scores, publishes results (公示), answers objections (异议)
  // 督导 (supervision of the sittings) and R15 assessor workload
  'supervision.watch', // the live view of a plan's sittings: its assigned supervisors and HR of the region
  'supervision.read', // inspection reports and flags of the plans in scope
  'supervision.inspect', // an assigned supervisor files inspection reports and raises flags
  'supervision.resolve', // the institution resolves a flag with a resolution text
  'workload.read', // R15: assessors' workload per term (绩效), on screen and as Excel
  // 评分 (marking)
  'marking.mark', // a 考评员 marks what they are staffed for (R9), blind; a chief examiner decides disputes
  'marking.manage', // the institution asks a different examiner for a re-mark (复核)
  // 理论考试 (the online theory exam)
  'exam.invigilate', // run a sitting's room: sign-in list, identity, absent, takeover, extra time, submit on behalf, copies
  'exam.monitor', // read a sitting's room and live events (HR of the region, the plan's supervisors)
  // 证书 (certificates)
  'certificate.read', // the certificates of the institution (school) or of the region (HR)
  'certificate.issue', // a school issues a plan's batch, reissues (补发/换发)
  'certificate.revoke', // the issuer, or HR on a violation
  'certificate.key_rotate', // the issuer's admin rotates its signing key (school: its institution key; HR: its 专项 key)
  // 外部证书 (certificates from other channels, never verified by us)
  'external_certificate.read', // the school's own; bureaus (HR, education) of the region, read-only
  'external_certificate.manage', // the school records (one, Excel), withdraws, records an external issuer's 国家职业资格证书
  // 证书数据上报 (R10: reporting certificates to HR and the national platform)
  'report.read', // report statuses of the institution's certificates (school) or of the batches sent to the bureau (HR)
  'report.submit', // a school submits a batch of its issued certificates to the listing HR bureau, corrects returned ones
  'report.review', // the listing HR bureau accepts or returns certificates, exports the national upload file, imports the answer
  // 职业技能提升补贴 (subsidies, R11); a holder claims through candidate.self
  'subsidy.read', // claims of the school's students (school) or reviewed in the region (HR), and their totals
  'subsidy.apply', // a school applies in bulk for its students
  'subsidy.review', // the HR bureau of the holder's place approves or refuses, and records payment
  // 工作台账 (R14 ledger), 一批一档 and complaints (投诉)
  'ledger.read', // the ledger of the institutions in scope: HR and education bureaus of the region, the school its own
  'ledger.archive', // 一批一档: one plan's records as one ZIP (the school, HR of the region)
  'complaint.manage', // HR of the institution's region assigns, investigates, answers and closes complaints
  // 统计 (statistics dashboards)
  'statistics.read', // dashboards scoped by region and role: bureaus their region and below, a school itself, the platform all
  // 监管 (sanctions, inspections, anomaly signals — issue 15)
  'sanction.appeal', // an institution appeals (申诉) a violation recorded against it
  'inspection.read', // institution-level inspections (检查): the school its own, HR and supervisors of the region
  'inspection.manage', // HR bureaus and supervisors plan/open inspections, set rectification (整改) items, accept, close
  'inspection.respond', // the institution answers its rectification items
  'signal.read', // anomaly signals with their evidence (HR of the region)
  'signal.manage', // HR runs detection, dismisses a signal or opens an inspection from it
] as const;
export type Action = (typeof ACTIONS)[number];
