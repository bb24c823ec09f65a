import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@skillcert/shared/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, orgIdByName } from './helpers/api.ts';
import { makeTestApp, ROLE_ACCOUNT, type TestApp } from './helpers/test-app.ts';

/**
 * Every API route × every role. An entry lists the roles granted the route's action ('public' = no login).
 * Granted roles must get past access control (any status but 401/403); all others get 403, anonymous 401.
 * The list of routes comes from the app itself: a new route without an entry here fails this test.
 */
const SCHOOL: readonly Role[] = ['school_admin', 'school_staff'];
/** Platform, bureaus and school offices. */
const STAFF: readonly Role[] = ['admin', 'hr', 'edu', ...SCHOOL];
/** The national catalog (大典, major mappings) is the platform admin's alone. */
const CATALOG_KEEPERS: readonly Role[] = ['admin'];
/** Account management: the platform admin, bureaus for their own kind (R7), a school's own admin. */
const ACCOUNT_KEEPERS: readonly Role[] = ['admin', 'hr', 'edu', 'school_admin'];
/** 题库 readers: bureaus in region, the school's offices and its assessors, supervisors. */
const BANK_READERS: readonly Role[] = [...STAFF, 'assessor', 'supervisor'];
/** 认定计划: the school's own, HR in region, supervisors their assigned ones (edu has no part in plans yet). */
const PLAN_READERS: readonly Role[] = ['admin', 'hr', ...SCHOOL, 'supervisor'];

/** 理论考试 rooms: run by the school's offices and staffed assessors; watched also by the platform, HR and supervisors. */
const INVIGILATORS: readonly Role[] = [...SCHOOL, 'assessor'];
const EXAM_MONITORS: readonly Role[] = ['admin', 'hr', ...INVIGILATORS, 'supervisor'];

const MATRIX: Record<string, readonly Role[] | 'public'> = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/static/*': 'public',
  'GET /api/docs/json': 'public',
  'GET /api/docs/yaml': 'public',
  'GET /api/docs/static/index.html': 'public',
  'GET /api/docs/static/swagger-initializer.js': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': ROLES,
  'GET /api/auth/me': ROLES,
  'POST /api/auth/password': ROLES,
  'GET /api/regions': 'public',
  'GET /api/regions/:code': 'public',
  'GET /api/organisations': ['admin', 'hr', 'edu', 'school_admin', 'school_staff'],
  'GET /api/organisations/:id': ['admin', 'hr', 'edu', 'school_admin', 'school_staff'],
  'POST /api/organisations': ['admin', 'hr'],
  'PATCH /api/organisations/:id': ['admin', 'hr', 'school_admin'],
  'POST /api/organisations/:id/majors': ['admin', 'hr', 'school_admin'],
  'DELETE /api/organisations/:id/majors/:majorId': ['admin', 'hr', 'school_admin'],
  'GET /api/users': ACCOUNT_KEEPERS,
  'GET /api/users/:id': ACCOUNT_KEEPERS,
  'POST /api/users': ACCOUNT_KEEPERS,
  'PATCH /api/users/:id': ACCOUNT_KEEPERS,
  'POST /api/users/:id/reset-password': ACCOUNT_KEEPERS,
  'GET /api/audit': ['admin', 'hr'],
  'GET /api/audit/verify': ['admin', 'hr'],
  'GET /api/policies': 'public',
  'GET /api/policies/compare': 'public',
  'GET /api/policies/for-region/:code': 'public',
  'GET /api/policies/:id': 'public',
  'GET /api/occupations': ROLES,
  'GET /api/occupations/tree': ROLES,
  'GET /api/occupations/template.xlsx': CATALOG_KEEPERS,
  'GET /api/occupations/:code': ROLES,
  'POST /api/occupations': CATALOG_KEEPERS,
  'PUT /api/occupations/:code': CATALOG_KEEPERS,
  'POST /api/occupations/import': CATALOG_KEEPERS,
  'GET /api/special-items': ROLES,
  'GET /api/major-mappings': ROLES,
  'POST /api/major-mappings': CATALOG_KEEPERS,
  'POST /api/attachments': [...STAFF, 'supervisor'], // supervisors upload inspection-report photos
  'GET /api/attachments/:id': [...STAFF, 'supervisor'], // supervisors upload inspection-report photos
  'GET /api/attachments/:id/content': [...STAFF, 'supervisor'], // supervisors upload inspection-report photos
  'GET /api/filings': STAFF,
  'POST /api/filings': SCHOOL,
  'GET /api/filings/:id': STAFF,
  'PUT /api/filings/:id': SCHOOL,
  'GET /api/filings/:id/eligibility': STAFF,
  'POST /api/filings/:id/submit': SCHOOL,
  'POST /api/filings/:id/transitions': ['hr', 'edu'],
  'GET /api/public/institutions': 'public',
  'GET /api/public/institutions/:id': 'public',
  'GET /api/institutions': [...STAFF, 'supervisor'],
  'GET /api/institutions/:id': [...STAFF, 'supervisor'],
  'GET /api/institutions/:id/expansion-eligibility': [...STAFF, 'supervisor'],
  'POST /api/institutions/:id/violations': ['hr'],
  'PUT /api/institutions/:id/prior-volume': ['hr'],
  'POST /api/institutions/:id/scope/:lineId/suspension': ['hr'],
  'GET /api/specs': STAFF,
  'GET /api/specs/basis': STAFF,
  'GET /api/specs/:id': STAFF,
  'POST /api/specs': SCHOOL,
  'PUT /api/specs/:id': SCHOOL,
  'POST /api/specs/:id/submit': SCHOOL,
  'POST /api/specs/:id/decision': ['hr'],
  'GET /api/special-item-proposals': ['admin', 'hr', ...SCHOOL],
  'GET /api/special-item-proposals/:id': ['admin', 'hr', ...SCHOOL],
  'POST /api/special-item-proposals': SCHOOL,
  'POST /api/special-item-proposals/:id/decision': ['hr'],
  'GET /api/blueprints': BANK_READERS,
  'POST /api/blueprints': SCHOOL,
  'GET /api/blueprints/:id': BANK_READERS,
  'PUT /api/blueprints/:id': SCHOOL,
  'GET /api/blueprints/:id/coverage': BANK_READERS,
  'GET /api/blueprints/:id/qti.zip': SCHOOL, // 题库保密: exports carry answers
  'GET /api/items': BANK_READERS,
  'POST /api/items': SCHOOL,
  'GET /api/items/template.xlsx': SCHOOL,
  'GET /api/items/export.xlsx': SCHOOL, // 题库保密: exports carry answers
  'POST /api/items/import': SCHOOL,
  'POST /api/items/status': SCHOOL,
  'GET /api/items/:id': BANK_READERS,
  'PUT /api/items/:id': SCHOOL,
  'POST /api/papers/assemble': SCHOOL,
  'GET /api/papers': BANK_READERS,
  'GET /api/papers/:id': BANK_READERS,
  'GET /api/papers/:id/candidate-view': SCHOOL,
  'POST /api/papers/:id/responses': SCHOOL,
  'GET /api/papers/:id/scores-template.xlsx': SCHOOL,
  'POST /api/papers/:id/scores/import': SCHOOL,
  'GET /api/papers/:id/qti.zip': SCHOOL, // 题库保密: exports carry answers
  'GET /api/papers/:id/print.pdf': BANK_READERS, // the candidate copy; copy=key needs bank.manage (paper-print test)
  'GET /api/papers/:id/print.docx': BANK_READERS,
  'POST /api/qti/import': SCHOOL,
  'GET /api/courses': BANK_READERS,
  'POST /api/courses': SCHOOL,
  'PUT /api/courses/:id': SCHOOL,
  'DELETE /api/courses/:id': SCHOOL,
  'GET /api/plans': PLAN_READERS,
  'POST /api/plans': SCHOOL,
  'GET /api/plans/options': SCHOOL,
  'GET /api/plans/:id': PLAN_READERS,
  'PUT /api/plans/:id': SCHOOL,
  'GET /api/plans/:id/checks': PLAN_READERS,
  'POST /api/plans/:id/submit': SCHOOL,
  'POST /api/plans/:id/acknowledge': ['hr'],
  'POST /api/plans/:id/transitions': SCHOOL,
  'GET /api/plans/:id/supervisor-options': ['hr'],
  'POST /api/plans/:id/supervisors': ['hr'],
  'POST /api/plans/:id/changes': SCHOOL,
  'POST /api/plans/:id/changes/:changeId/decision': ['hr'],
  'POST /api/plans/:id/sittings/:sittingId/draw': SCHOOL,
  'GET /api/plans/:id/draws': PLAN_READERS,
  'GET /api/plans/:id/draws/:drawId/replay': PLAN_READERS,
  // 报名 and 考务: the school manages its plans' candidates; bureaus, supervisors and the platform read them masked
  'GET /api/plans/:id/enrolments': [...STAFF, 'supervisor'],
  'POST /api/plans/:id/enrolments': SCHOOL,
  'GET /api/plans/:id/enrolments/template.xlsx': SCHOOL,
  'POST /api/plans/:id/enrolments/import/preview': SCHOOL,
  'POST /api/plans/:id/enrolments/import': SCHOOL,
  'POST /api/plans/:id/enrolments/activation-codes': SCHOOL,
  'POST /api/plans/:id/enrolments/:enrolmentId/reveal-id': SCHOOL,
  'PUT /api/plans/:id/enrolments/:enrolmentId/photo': SCHOOL,
  'GET /api/plans/:id/enrolments/:enrolmentId/photo': [...STAFF, 'supervisor'],
  'POST /api/plans/:id/photos/zip': SCHOOL,
  'GET /api/plans/:id/seating': [...STAFF, 'supervisor'],
  'POST /api/plans/:id/seating/arrange': SCHOOL,
  'POST /api/plans/:id/seating/move': SCHOOL,
  'GET /api/plans/:id/seating/:sittingId/:doc': [...STAFF, 'supervisor'],
  'GET /api/plans/:id/tickets/:enrolmentId': [...STAFF, 'supervisor'],
  'POST /api/plans/:id/tickets/zip': SCHOOL,
  'GET /api/jobs/:id': SCHOOL,
  'GET /api/jobs/:id/result': SCHOOL,
  'GET /api/me/candidate': ['candidate'],
  'GET /api/me/candidate/tickets/:enrolmentId': ['candidate'],
  'GET /api/me/candidate/photo': ['candidate'],
  // 督导: the live view for assigned supervisors and HR; reports and flags read by the plan's readers; R15 workload
  'GET /api/plans/:id/supervision/live': ['hr', 'supervisor'],
  'GET /api/plans/:id/inspection-reports': PLAN_READERS,
  'POST /api/plans/:id/inspection-reports': ['supervisor'],
  'GET /api/plans/:id/inspection-reports/:reportId/photos/:photoId': PLAN_READERS,
  'GET /api/plans/:id/supervision/flags': PLAN_READERS,
  'POST /api/plans/:id/supervision/flags': ['supervisor'],
  'POST /api/plans/:id/supervision/flags/:flagId/resolve': SCHOOL,
  'GET /api/workload': ['admin', 'hr', 'school_admin'],
  'GET /api/workload/export.xlsx': ['admin', 'hr', 'school_admin'],
  // 统计看板: bureaus their region and below, a school itself, the platform all
  'GET /api/statistics/certificates': ['admin', 'hr', 'edu', 'school_admin'],
  'GET /api/statistics/pass-rates': ['admin', 'hr', 'edu', 'school_admin'],
  'GET /api/statistics/subsidies': ['admin', 'hr', 'edu', 'school_admin'],
  'GET /api/statistics/coverage': ['admin', 'hr', 'edu', 'school_admin'],
  'GET /api/statistics/filing-coverage': ['admin', 'hr', 'edu', 'school_admin'],
  'GET /api/statistics/one-plus-x': ['admin', 'hr', 'edu', 'school_admin'],
  'GET /api/statistics/talent': ['admin', 'hr', 'edu', 'school_admin'],
  'GET /api/statistics/:dashboard/export.xlsx': ['admin', 'hr', 'edu', 'school_admin'],
  'POST /api/auth/activate': 'public',
  'GET /api/plans/:id/results': PLAN_READERS,
  'GET /api/plans/:id/results.xlsx': PLAN_READERS,
  'GET /api/plans/:id/results/:enrolmentId': PLAN_READERS,
  'POST /api/plans/:id/process-scores': SCHOOL,
  'GET /api/plans/:id/process-scores/template.xlsx': SCHOOL,
  'POST /api/plans/:id/process-scores/import': SCHOOL,
  'GET /api/plans/:id/course-scores/template.xlsx': SCHOOL,
  'POST /api/plans/:id/course-scores/import': SCHOOL,
  'POST /api/plans/:id/publicity': SCHOOL,
  'GET /api/plans/:id/publicity': PLAN_READERS,
  'POST /api/plans/:id/objections/:objectionId/answer': SCHOOL,
  'GET /api/public/publicity': 'public',
  'GET /api/public/publicity/:planId': 'public',
  'POST /api/public/publicity/:planId/objections': 'public',
  'GET /api/public/objections/:code': 'public',
  // 评分 (marking): assessors mark what they are staffed for; the school asks for re-marks.
  'GET /api/marking/queue': ['assessor'],
  'PUT /api/marking/marks': ['assessor'],
  'POST /api/marking/paper-marks': ['assessor'],
  'GET /api/marking/disputes': ['assessor'],
  'POST /api/marking/decisions': ['assessor'],
  'GET /api/plans/:id/marking': PLAN_READERS,
  'GET /api/plans/:id/marks': PLAN_READERS,
  'POST /api/plans/:id/remarks': SCHOOL,
  'POST /api/public/verify': 'public',
  // 理论考试: the candidate with the exam cookie (signed in with exam number + ID number) or from the candidate account;
  // the room is run by the school's offices and the assessors staffed in the sitting, watched by HR and supervisors.
  'POST /api/exam/sign-in': 'public',
  'GET /api/exam/attempt': 'public',
  'POST /api/exam/start': 'public',
  'PUT /api/exam/answers': 'public',
  'POST /api/exam/events': 'public',
  'POST /api/exam/submit': 'public',
  'GET /api/exam/photo': 'public',
  'GET /api/me/exams': ['candidate'],
  'POST /api/me/exams/:attemptId/enter': ['candidate'],
  'GET /api/exam-rooms': EXAM_MONITORS,
  'GET /api/sittings/:id/room': EXAM_MONITORS,
  'GET /api/sittings/:id/events': EXAM_MONITORS,
  'GET /api/sittings/:id/attempts/:attemptId/photo': EXAM_MONITORS,
  'GET /api/sittings/:id/exam-settings': EXAM_MONITORS,
  'PUT /api/sittings/:id/exam-settings': INVIGILATORS,
  'POST /api/sittings/:id/prepare': INVIGILATORS,
  'POST /api/sittings/:id/attempts/:attemptId/confirm-identity': INVIGILATORS,
  'POST /api/sittings/:id/attempts/:attemptId/absent': INVIGILATORS,
  'POST /api/sittings/:id/attempts/:attemptId/allow-takeover': INVIGILATORS,
  'POST /api/sittings/:id/attempts/:attemptId/extra-time': INVIGILATORS,
  'POST /api/sittings/:id/attempts/:attemptId/submit': INVIGILATORS,
  'GET /api/public/certificates/:number': 'public',
  'POST /api/public/certificates/search': 'public',
  'GET /api/public/certificates/:number/credential': 'public',
  'POST /api/plans/:id/certificates/batch': SCHOOL,
  'GET /api/plans/:id/certificates/batch': ['admin', 'hr', ...SCHOOL],
  'GET /api/certificates': ['admin', 'hr', ...SCHOOL],
  'POST /api/certificates/:id/revoke': ['hr', ...SCHOOL],
  'POST /api/certificates/:id/reissue': SCHOOL,
  'GET /api/certificates/:id/credential': ['admin', 'hr', ...SCHOOL],
  'GET /api/certificates/:id/pdf': ['admin', 'hr', ...SCHOOL],
  'POST /api/plans/:id/certificates/pdf-zip': SCHOOL,
  'GET /api/me/certificates/:id/pdf': ['candidate'],
  'GET /api/me/certificates': ['candidate'],
  'GET /api/me/certificates/:id/credential': ['candidate'],
  'POST /api/certificates/issuer-key/rotate': ['hr', 'school_admin'],
  // 外部证书: the school records; bureaus of the region (HR, education) and the platform read.
  'GET /api/external-certificates': ['admin', 'hr', 'edu', ...SCHOOL],
  'POST /api/external-certificates': SCHOOL,
  'GET /api/external-certificates/template.xlsx': SCHOOL,
  'POST /api/external-certificates/import': SCHOOL,
  'GET /api/external-certificates/:id': ['admin', 'hr', 'edu', ...SCHOOL],
  'POST /api/external-certificates/:id/withdraw': SCHOOL,
  'GET /api/plans/:id/external-certificates/national': ['admin', 'hr', 'edu', ...SCHOOL],
  'POST /api/plans/:id/external-certificates/national': SCHOOL,
  // 证书数据上报 (R10)
  'GET /api/reporting/todo': ['admin', 'hr', ...SCHOOL],
  'GET /api/reporting/plans': ['admin', 'hr', ...SCHOOL],
  'GET /api/reporting/certificates': ['admin', 'hr', ...SCHOOL],
  'POST /api/reporting/certificates/:id/correction': SCHOOL,
  'GET /api/reporting/batches': ['admin', 'hr', ...SCHOOL],
  'POST /api/reporting/batches': SCHOOL,
  'GET /api/reporting/batches/:id': ['admin', 'hr', ...SCHOOL],
  'GET /api/reporting/batches/:id/summary.xlsx': ['admin', 'hr', ...SCHOOL],
  'POST /api/reporting/batches/:id/review': ['hr'],
  'POST /api/reporting/national-upload': ['hr'],
  'POST /api/reporting/national-answer': ['hr'],
  // 职业技能提升补贴 (R11)
  'GET /api/me/subsidy-claims': ['candidate'],
  'POST /api/me/subsidy-claims': ['candidate'],
  'POST /api/subsidy-claims/bulk': ['school_admin'],
  'POST /api/subsidy-claims/bulk/xlsx': ['school_admin'],
  'GET /api/subsidy-claims/template.xlsx': ['school_admin'],
  'GET /api/subsidy-claims': ['admin', 'hr', 'school_admin'],
  'GET /api/subsidy-claims/totals': ['admin', 'hr', 'school_admin'],
  'GET /api/subsidy-claims/totals.xlsx': ['admin', 'hr', 'school_admin'],
  'GET /api/subsidy-claims/:id': ['admin', 'hr', 'school_admin'],
  'POST /api/subsidy-claims/:id/review': ['hr'],
  'POST /api/subsidy-claims/:id/payment': ['hr'],
  // 投诉 (complaints): anyone lodges and tracks; HR of the institution's region handles them.
  'POST /api/public/complaints': 'public',
  'GET /api/public/complaints/:code': 'public',
  'GET /api/complaints': ['hr'],
  'GET /api/complaints/:id': ['hr'],
  'GET /api/complaints/:id/assignees': ['hr'],
  'POST /api/complaints/:id/assign': ['hr'],
  'POST /api/complaints/:id/notes': ['hr'],
  'POST /api/complaints/:id/answer': ['hr'],
  'POST /api/complaints/:id/close': ['hr'],
  'GET /api/complaints/:id/evidence/:evidenceId': ['hr'],
  // 工作台账 (R14): the platform, HR and education bureaus of the region, the school its own; 一批一档 also not education.
  'GET /api/ledger': ['admin', 'hr', 'edu', ...SCHOOL],
  'POST /api/ledger/export': ['admin', 'hr', 'edu', ...SCHOOL],
  'GET /api/ledger/jobs/:id': ['admin', 'hr', 'edu', ...SCHOOL],
  'GET /api/ledger/jobs/:id/result': ['admin', 'hr', 'edu', ...SCHOOL],
  'POST /api/plans/:id/archive': ['admin', 'hr', ...SCHOOL],
  // sanctions (issue 15)
  'GET /api/violations': [...STAFF, 'supervisor'],
  'POST /api/violations': ['hr'],
  'GET /api/violations/:id': [...STAFF, 'supervisor'],
  'POST /api/violations/:id/sanctions': ['hr'],
  'POST /api/violations/:id/close': ['hr'],
  'POST /api/violations/:id/appeals': ['school_admin'],
  'POST /api/violations/:id/appeals/:appealId/decision': ['hr'],
  'POST /api/sanctions/:id/lift': ['hr'],
  // inspections (检查) and anomaly signals (issue 15)
  'GET /api/inspections': ['admin', 'hr', 'school_admin', 'supervisor'],
  'POST /api/inspections': ['hr', 'supervisor'],
  'GET /api/inspections/:id': ['admin', 'hr', 'school_admin', 'supervisor'],
  'PUT /api/inspections/:id/findings': ['hr', 'supervisor'],
  'POST /api/inspections/:id/items': ['hr', 'supervisor'],
  'POST /api/inspections/:id/items/:itemId/response': ['school_admin'],
  'POST /api/inspections/:id/items/:itemId/decision': ['hr', 'supervisor'],
  'POST /api/inspections/:id/close': ['hr', 'supervisor'],
  'GET /api/signals': ['admin', 'hr'],
  'POST /api/signals/detect': ['hr'],
  'POST /api/signals/:id/dismiss': ['hr'],
  'POST /api/signals/:id/inspection': ['hr'],
};

const ACCOUNT = ROLE_ACCOUNT;

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const concrete = (url: string) =>
  url
    .replace(':code', '310000')
    .replace(/:\w+/g, () => randomUUID())
    .replace('*', 'index.css');

describe('access matrix: every route × every role', () => {
  it('has an entry for every route the app serves, and none for routes it does not', () => {
    const served = [...new Set(t.routes.map(keyOf))].sort();
    expect(served).toEqual(Object.keys(MATRIX).sort());
  });

  it('grants exactly the listed roles, 403 to the others and 401 without a session', async () => {
    const cookies = new Map<Role, string>();
    for (const role of ROLES) cookies.set(role, await t.login(ACCOUNT[role]));
    // logout last: it ends the session
    const routes = [...new Map(t.routes.map((r) => [keyOf(r), r])).values()].sort(
      (a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')),
    );
    const failures: string[] = [];
    for (const route of routes) {
      const entry = MATRIX[keyOf(route)];
      if (!entry) continue;
      const method = route.method as 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
      const body = method === 'POST' || method === 'PATCH' || method === 'PUT' ? {} : undefined;
      const url = concrete(route.url);
      const anon = await client(t)(method, url, body);
      if (entry === 'public' ? anon.status === 401 || anon.status === 403 : anon.status !== 401) {
        failures.push(`${keyOf(route)} anonymous → ${anon.status}`);
      }
      if (entry === 'public') continue;
      for (const role of ROLES) {
        const res = await client(t, cookies.get(role))(method, url, body);
        const granted = entry.includes(role);
        if (granted ? res.status === 401 || res.status === 403 : res.status !== 403) {
          failures.push(`${keyOf(route)} ${role} → ${res.status} (expected ${granted ? 'granted' : '403'})`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);
});

describe('access matrix: records of another organisation or region are 404', () => {
  it('HR of Shanghai and a Shanghai school admin meet Fujian records as missing', async () => {
    const fjSchool = await orgIdByName(t, '泉州海丝职业技术学院');
    const admin = client(t, await t.login('admin'));
    const fjUser = (await admin('GET', '/api/users?q=qz_school_admin')).body.items[0].id as string;
    const major = (await admin('GET', `/api/organisations/${fjSchool}`)).body.majors[0].id as string;
    const requests: [string, string, unknown][] = [
      ['GET', `/api/organisations/${fjSchool}`, undefined],
      ['PATCH', `/api/organisations/${fjSchool}`, { name: '越权改名' }],
      ['POST', `/api/organisations/${fjSchool}/majors`, { code: '510202', name: '计算机网络技术' }],
      ['DELETE', `/api/organisations/${fjSchool}/majors/${major}`, undefined],
      ['GET', `/api/users/${fjUser}`, undefined],
      ['PATCH', `/api/users/${fjUser}`, { displayName: '越权' }],
      ['POST', `/api/users/${fjUser}/reset-password`, { password: 'Hijack2026x' }],
      ['POST', '/api/users', { username: 'hijack', displayName: 'x', role: 'school_staff', orgId: fjSchool, password: 'Hijack2026x' }],
    ];
    for (const who of ['sh_hr', 'school_admin']) {
      const call = client(t, await t.login(who));
      for (const [method, url, body] of requests) {
        const res = await call(method as 'GET', url, body);
        expect(res.status, `${who} ${method} ${url}`).toBe(404);
      }
    }
    // …and nothing changed
    expect((await admin('GET', `/api/organisations/${fjSchool}`)).body.majors.map((m: { id: string }) => m.id)).toContain(major);
  });
});
