import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MIN } from '@skillcert/shared/api/auth';

/**
 * What a new password must satisfy, checked by the server on every path that sets one (account creation, reset,
 * change, the first admin): at least PASSWORD_MIN characters, not containing the username, and not one of the
 * ~49,000 most common passwords (the list zxcvbn ships in @zxcvbn-ts/language-common), compared case-insensitively
 * and also with separators and trailing digits/symbols stripped (so "Password123!" counts as "password").
 */
export type PasswordProblem = 'TOO_SHORT' | 'CONTAINS_USERNAME' | 'COMMON';

let common: ReadonlySet<string> | undefined;
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/** The forms of a password looked up in the common list. */
export function commonForms(password: string): string[] {
  const lower = password.toLowerCase();
  const compact = lower.replace(/[\s._\-@#!$%^&*]+/g, '');
  const stem = compact.replace(/[\d\W_]+$/u, '');
  return [...new Set([lower, compact, stem])].filter((f) => f.length > 0);
}

export function passwordProblem(password: string, username: string): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN) return 'TOO_SHORT';
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) return 'CONTAINS_USERNAME';
  const list = commonPasswords();
  if (commonForms(password).some((f) => list.has(f))) return 'COMMON';
  return null;
}
