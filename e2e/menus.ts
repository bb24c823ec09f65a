/** Which menu entries each demo account sees (the web app's data-testid="menu-…" items, in order). */
const BANK = ['blueprints', 'bank', 'papers', 'curriculum'];

export const EXPECTED_MENUS: Record<string, string[]> = {
  admin: ['home', 'organisations', 'users', 'filings', 'institutions', 'occupations', 'specs', 'proposals', ...BANK, 'plans', 'policies', 'audit', 'password'],
  sh_hr: ['home', 'organisations', 'users', 'filings', 'institutions', 'occupations', 'specs', 'proposals', ...BANK, 'plans', 'policies', 'password'],
  sh_edu: ['home', 'organisations', 'users', 'filings', 'institutions', 'occupations', 'specs', ...BANK, 'policies', 'password'],
  school_admin: ['home', 'my-school', 'users', 'filings', 'institutions', 'occupations', 'specs', 'proposals', ...BANK, 'plans', 'policies', 'password'],
  school_staff: ['home', 'my-school', 'filings', 'institutions', 'occupations', 'specs', 'proposals', ...BANK, 'plans', 'policies', 'password'],
  assessor: ['home', ...BANK, 'marking', 'disputes', 'password'],
  sh_supervisor: ['home', 'institutions', ...BANK, 'plans', 'password'],
  candidate: ['home', 'my-exams', 'password'],
};
