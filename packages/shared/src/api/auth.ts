import { z } from 'zod';
import { OrgKind, Role } from '../domain.ts';
import { vm } from '../validation-key.ts';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

/** At least 10 characters; the server also refuses one containing the username or among common passwords. */
export const PASSWORD_MIN = 10;
export const NewPassword = z
  .string()
  .min(PASSWORD_MIN)
  .max(256)
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { message: vm('valid.passwordLettersDigits') });

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: NewPassword,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const Me = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  mustChangePassword: z.boolean(),
  organisation: z.object({ id: z.uuid(), name: z.string(), kind: OrgKind, regionCode: z.string() }),
  permissions: z.array(z.string()),
});
export type Me = z.infer<typeof Me>;
