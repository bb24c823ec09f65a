import { fieldIssue } from '@skillcert/shared/validation-key';
import { hash, verify } from '@node-rs/argon2';
import { unprocessable } from '../../http/errors.ts';
import { passwordProblem } from './passwords.rules.ts';

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum recommendation).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when the username is unknown, so both failures take the same time. */
let dummyHash: Promise<string> | undefined;
export function timingDummyHash(): Promise<string> {
  dummyHash ??= hash('not-a-real-password-0');
  return dummyHash;
}

const PROBLEM_CODES = { TOO_SHORT: 'PASSWORD.TOO_SHORT', CONTAINS_USERNAME: 'PASSWORD.CONTAINS_USERNAME', COMMON: 'PASSWORD.COMMON' } as const;

/** Refuses (422, naming the field) a new password that is too short, contains the username or is a common one. */
export function requireStrongPassword(password: string, username: string, path: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw unprocessable(PROBLEM_CODES[problem], { issues: [fieldIssue(path, `valid.password.${problem}`)] });
}
