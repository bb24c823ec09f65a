/** Which menu entries each demo account sees (the web app's data-testid="menu-…" items, in order). */
export const EXPECTED_MENUS: Record<string, string[]> = {
  admin: ['home', 'organisations', 'users', 'filings', 'institutions', 'occupations', 'specs', 'proposals', 'policies', 'audit', 'password'],
  sh_hr: ['home', 'organisations', 'users', 'filings', 'institutions', 'occupations', 'specs', 'proposals', 'policies', 'password'],
  sh_edu: ['home', 'organisations', 'filings', 'institutions', 'occupations', 'specs', 'policies', 'password'],
  school_admin: ['home', 'my-school', 'users', 'filings', 'institutions', 'occupations', 'specs', 'proposals', 'policies', 'password'],
  school_staff: ['home', 'my-school', 'filings', 'institutions', 'occupations', 'specs', 'proposals', 'policies', 'password'],
  assessor: ['home', 'password'],
  sh_supervisor: ['home', 'institutions', 'password'],
  candidate: ['home', 'password'],
};
