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

/**
 * Puts an error's field issues (`details.issues`, paths like `body.name`) on the form's fields that exist.
 * A `VALIDATION.FAILED` shows each issue's own text; any other coded error (ORG.NAME_TAKEN …) shows
 * the server's localised message on the fields it names. Returns true when something landed on a field.
 */
export function applyFieldIssues(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const known = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>)); // the mounted fields
  const fields = error.issues
    .map((i) => ({
      name: i.path.replace(/^body\./, '').split('.')[0] ?? '',
      message: error.code === 'VALIDATION.FAILED' ? i.message : error.message,
    }))
    .filter((f) => f.name && known.has(f.name));
  if (fields.length === 0) return false;
  form.setFields(fields.map((f) => ({ name: f.name, errors: [f.message] })));
  return true;
}
