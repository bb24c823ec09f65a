/** Which menu entries each demo account sees (the web app's data-testid="menu-…" items, in order). */
export const EXPECTED_MENUS: Record<string, string[]> = {
  admin: ['home', 'organisations', 'users', 'audit', 'password'],
  sh_hr: ['home', 'organisations', 'users', 'password'],
  sh_edu: ['home', 'organisations', 'password'],
  school_admin: ['home', 'my-school', 'users', 'password'],
  school_staff: ['home', 'my-school', 'password'],
  assessor: ['home', 'password'],
  sh_supervisor: ['home', 'password'],
  candidate: ['home', 'password'],
};
