import type { ValidationMessageKey } from './validation-messages.ts';

/**
 * A validation message named by its catalog key (validation-messages.ts), checked by the compiler. Only the key
 * travels with a schema: the texts stay on the server (and out of the web app's bundle).
 */
export const vm = <K extends ValidationMessageKey>(key: K): K => key;
