/** Pure rules of the occupation catalog: what an import may write. */
import { type ValidationLocale, validationText } from '@skillcert/shared/validation-messages';

export interface ImportRow {
  /** Sheet row number, for the error. */
  row: number;
  code: string;
  name: string;
}

export interface ExistingOccupation {
  code: string;
  name: string;
  formerCodes: readonly string[];
}

export interface ImportProblem {
  row: number;
  column: string;
  message: string;
}

/**
 * An import row may add a new code or update the occupation that has exactly that code and name. It collides when its
 * code is another occupation's former code (look-ups would become ambiguous) or when it would rename an existing
 * occupation (a renamed code is a different occupation; edit it on its own page if the edition changed it).
 */
export function importCollisions(
  rows: readonly ImportRow[],
  existingByCode: ReadonlyMap<string, ExistingOccupation>,
  locale: ValidationLocale,
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const r of rows) {
    const hit = existingByCode.get(r.code);
    if (!hit) continue;
    if (hit.code !== r.code) {
      problems.push({
        row: r.row,
        column: 'A',
        message: validationText(locale, 'valid.import.formerCode', { code: r.code, current: hit.code, name: hit.name }),
      });
    } else if (hit.name !== r.name) {
      problems.push({ row: r.row, column: 'B', message: validationText(locale, 'valid.import.noRename', { code: r.code, name: hit.name }) });
    }
  }
  return problems;
}
