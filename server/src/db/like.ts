/**
 * LIKE / ILIKE patterns from what a user typed: `%`, `_` and `\` are letters, not wildcards (PostgreSQL's default
 * escape character is the backslash), so a search for `%` finds a percent sign and does not list everything.
 */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `%text%`: rows containing the text as typed. */
export const containing = (text: string): string => `%${escapeLike(text)}%`;

/** `text%`: rows starting with the text as typed. */
export const startingWith = (text: string): string => `${escapeLike(text)}%`;
