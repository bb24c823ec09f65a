import { describe, expect, it } from 'vitest';
import { isConnectionError, isUniqueViolation } from './errors.ts';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('database errors', () => {
  it('the database server gone or not yet back is a connection error (503), through Drizzle’s cause', () => {
    for (const e of [
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('57P03', 'the database system is starting up'),
      pgError('08006'),
      pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      pgError('ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('Failed query: select 1', { cause: pgError('57P01') }),
      new Error('Failed query: select 1', { cause: new Error('Connection terminated unexpectedly') }),
    ]) {
      expect(isConnectionError(e), String(e)).toBe(true);
    }
  });

  it('a wrong query, a constraint or anything else is not', () => {
    for (const e of [pgError('23505'), pgError('42P01', 'relation "x" does not exist'), pgError('22P02'), new Error('boom'), null, 'text', 42]) {
      expect(isConnectionError(e), String(e)).toBe(false);
    }
    expect(isUniqueViolation(new Error('q', { cause: pgError('23505') }))).toBe(true);
  });
});
