import type { ValidationMessageKey } from './validation-messages.ts';

/**
 * A validation message named by its catalog key (validation-messages.ts), checked by the compiler. Only the key
 * travels with a schema: the texts stay on the server (and out of the web app's bundle).
 */
export const vm = <K extends ValidationMessageKey>(key: K): K => key;

/** A field issue whose message is a catalog key, its placeholders' values in `params` (the error handler words it). */
export interface KeyedFieldIssue {
  path: string;
  message: ValidationMessageKey;
  params?: Record<string, string | number>;
}

export const fieldIssue = (path: string, message: ValidationMessageKey, params?: Record<string, string | number>): KeyedFieldIssue =>
  params ? { path, message, params } : { path, message };
