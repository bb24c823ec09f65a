import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';
import { vm } from '@skillcert/shared/validation-key';

/** A NUL character, or a UTF-16 surrogate without its partner (text no database or XML can hold). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the NUL character is exactly what is refused
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isBadText(s: string): boolean {
  return BAD_TEXT.test(s);
}

/** How a key or value appears in a field path: printable, with the bad character escaped. */
function shown(key: string): string {
  return JSON.stringify(key).slice(1, -1);
}

/**
 * The path of the first string (value or object key) holding a NUL or a lone surrogate, at any depth,
 * e.g. `body.lines.2.name`; null when all text is sound. Walks with its own stack, so deep nesting cannot overflow.
 */
export function findBadText(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === 'string') {
      if (isBadText(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}.${i}`]);
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i] as [string, unknown];
        if (isBadText(k)) return `${path}.${shown(k)}`;
        stack.push([child, `${path}.${k}`]);
      }
    }
  }
  return null;
}

function refuse(path: string): AppError {
  // The error handler words the catalog key in the request's language.
  return new AppError(400, 'VALIDATION.FAILED', { issues: [{ path, message: vm('valid.badText') }] });
}

/**
 * Every string at the edge — headers, cookies, the query string, path parameters, and JSON bodies at any depth —
 * is refused with a 400 naming the field when it holds NUL or a lone surrogate (PostgreSQL refuses `\u0000` in
 * text; a lone surrogate is not UTF-8). The first hook runs before the session is looked up with the cookie.
 * Call after @fastify/cookie is registered and before the access hook.
 */
export function registerEdgeTextCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    const bad =
      findBadText(req.headers, 'headers') ?? findBadText(req.cookies, 'cookies') ?? findBadText(req.params, 'params') ?? findBadText(req.query, 'querystring');
    if (bad) throw refuse(bad);
  });
  app.addHook('preValidation', async (req) => {
    const bad = findBadText(req.body, 'body');
    if (bad) throw refuse(bad);
  });
}
