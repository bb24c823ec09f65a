import { describe, expect, it } from 'vitest';
import { passwordProblem } from './passwords.rules.ts';

describe('password rules', () => {
  it('a password has at least 10 characters', () => {
    expect(passwordProblem('Ab3$xyz9q', 'someone')).toBe('TOO_SHORT');
    expect(passwordProblem('Ab3$xyz9qw', 'someone')).toBeNull();
  });

  it('a password may not contain the username, in any case', () => {
    expect(passwordProblem('Zhang_Wei-2026x', 'zhang_wei')).toBe('CONTAINS_USERNAME');
    expect(passwordProblem('xxSH_HRxx-2026', 'sh_hr')).toBe('CONTAINS_USERNAME');
  });

  it('common passwords are refused, also capitalised, separated or with digits and symbols appended', () => {
    expect(passwordProblem('1234567890', 'someone')).toBe('COMMON');
    expect(passwordProblem('qwertyuiop', 'someone')).toBe('COMMON');
    expect(passwordProblem('Password123!', 'someone')).toBe('COMMON');
    expect(passwordProblem('Basketball2026', 'someone')).toBe('COMMON');
    expect(passwordProblem('1q2w-3e4r-5t', 'someone')).toBe('COMMON');
  });

  it('the demo password passes every rule for every demo account', async () => {
    const { DEMO_PASSWORD } = await import('../../demo/demo-world.ts');
    for (const u of ['admin', 'sh_hr', 'sh_edu', 'school_admin', 'assessor', 'candidate', 'qz_sec_admin']) expect(passwordProblem(DEMO_PASSWORD, u)).toBeNull();
  });
});
