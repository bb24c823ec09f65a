import { describe, expect, it } from 'vitest';
import { maskIdNumbers, serializeError } from './logging.ts';

describe('log serializers', () => {
  it('mask ID-number-shaped strings (18 and 15 characters) but not other numbers', () => {
    expect(maskIdNumbers('id 11010519491231002X ok')).toBe('id 110*************** ok');
    expect(maskIdNumbers('old 110105491231002')).toBe('old 110************');
    expect(maskIdNumbers('order 1234567 and uuid 0f8e1c2a-0000-4000-8000-000000000000')).toBe('order 1234567 and uuid 0f8e1c2a-0000-4000-8000-000000000000');
  });

  it('drop drizzle query parameters, PostgreSQL detail and extra fields; keep the SQL, code and constraint; follow the cause', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_username_uq"'), {
      code: '23505',
      constraint: 'users_username_uq',
      detail: 'Key (lower(username::text))=(secret) already exists.',
    });
    const err = Object.assign(new Error('Failed query: insert into "users" values ($1, $2)\nparams: secret,$argon2id$hash'), { params: ['secret'], cause });
    const out = serializeError(err);
    const text = JSON.stringify(out);
    expect(text).not.toContain('secret');
    expect(text).not.toContain('argon2id');
    expect(out.message).toBe('Failed query: insert into "users" values ($1, $2)\nparams: [not logged]');
    expect(out.stack.split('\n')[0]).toBe('Error: Failed query: insert into "users" values ($1, $2)');
    expect(out.cause).toMatchObject({ code: '23505', constraint: 'users_username_uq' });
    expect(out.cause).not.toHaveProperty('detail');
  });

  it('cut long messages (a whole file in an error message stays out)', () => {
    const out = serializeError(new Error(`bad content: ${'A'.repeat(100_000)}`));
    expect(out.message.length).toBeLessThan(600);
  });
});
