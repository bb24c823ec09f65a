import { PASSWORD_MIN } from '@skillcert/shared/api/auth';
import type { FormInstance, FormRule as Rule } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from '@/lib/http';

/** Anything with zod's `safeParse` (the shared package's schemas). */
interface Schema {
  safeParse(value: unknown): { success: boolean };
}

/** An antd form rule backed by a shared zod schema, with a translated message. Empty values are left to `required`. */
export function schemaRule(schema: Schema, message: string): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      if (!schema.safeParse(value).success) throw new Error(message);
    },
  };
}

/** The server's password rule (NewPassword in the shared package): at least PASSWORD_MIN, letters and digits. */
export function newPasswordRules(t: TFunction): Rule[] {
  return [
    { required: true, message: t('password.rules.required') },
    { min: PASSWORD_MIN, message: t('password.rules.min', { min: PASSWORD_MIN }) },
    { max: 256, message: t('password.rules.max') },
    {
      validator: async (_rule, value: unknown) => {
        if (typeof value !== 'string' || value === '') return;
        if (!/[A-Za-z]/.test(value) || !/\d/.test(value)) throw new Error(t('password.rules.lettersDigits'));
      },
    },
  ];
}

/** A "confirm password" rule that must equal the field `field`. */
export function confirmRule(field: string, message: string): Rule {
  return ({ getFieldValue }) => ({
    validator: async (_rule, value: unknown) => {
      if (!value || getFieldValue(field) === value) return;
      throw new Error(message);
    },
  });
}

/** `body.theory.2.code` → ['theory', 2, 'code'] (antd's name path). */
function namePathOf(path: string): (string | number)[] {
  return path
    .replace(/^body\.?/, '')
    .split('.')
    .filter(Boolean)
    .map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
}

/** Brings the first field with an error into view, in the middle of the screen. */
export function scrollToFirstError(form: FormInstance, errorFields: readonly { name: (string | number)[] }[]): void {
  const first = errorFields[0];
  if (first) form.scrollToField(first.name, { behavior: 'smooth', block: 'center', focus: true });
}

/**
 * Puts an error's field issues (`details.issues`, paths like `body.name` or `body.theory.2.code`) on the form's fields
 * that exist — the deepest field that is on screen — and scrolls the first into view. A `VALIDATION.FAILED` shows each
 * issue's own text; any other coded error (ORG.NAME_TAKEN …) shows the server's localised message on the fields it
 * names. Returns true when something landed on a field. Typed values stay as they are.
 */
export function applyFieldIssues(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const known = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>)); // the mounted fields
  const fields = error.issues
    .map((i) => {
      const full = namePathOf(i.path);
      const top = full[0];
      const name = full.length > 1 && form.getFieldValue(full) !== undefined ? full : top === undefined ? [] : [top];
      return { name, message: error.code === 'VALIDATION.FAILED' ? i.message : error.message };
    })
    .filter((f) => typeof f.name[0] === 'string' && known.has(f.name[0]));
  if (fields.length === 0) return false;
  form.setFields(fields.map((f) => ({ name: f.name, errors: [f.message] })));
  scrollToFirstError(form, fields);
  return true;
}
