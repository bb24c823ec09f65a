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
] as const;
export type Action = (typeof ACTIONS)[number];
