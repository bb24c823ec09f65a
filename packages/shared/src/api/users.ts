import { z } from 'zod';
import { Role } from '../domain.ts';
import { NewPassword } from './auth.ts';
import { Paging, pageOf } from './common.ts';
import { vm } from '../validation-key.ts';

export const Username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]+$/, vm('valid.username'));

export const User = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  orgId: z.uuid(),
  orgName: z.string(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const CreateUserBody = z.strictObject({
  username: Username,
  displayName: z.string().trim().min(1).max(50),
  role: Role,
  orgId: z.uuid(),
  password: NewPassword,
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .strictObject({
    displayName: z.string().trim().min(1).max(50),
    role: Role,
    active: z.boolean(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: vm('valid.nothingToUpdate') });
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const ResetPasswordBody = z.strictObject({ password: NewPassword });

export const UserQuery = z.strictObject({
  orgId: z.uuid().optional(),
  role: Role.optional(),
  q: z.string().trim().max(50).optional(),
  ...Paging,
});
export type UserQuery = z.infer<typeof UserQuery>;

export const UserPage = pageOf(User);
