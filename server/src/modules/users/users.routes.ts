import { IdParams } from '@skillcert/shared/api/common';
import { CreateUserBody, ResetPasswordBody, UpdateUserBody, User, UserPage, UserQuery } from '@skillcert/shared/api/users';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './users.service.ts';

const tags = ['users'];

export function registerUserRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/users',
    { config: { action: 'user.read' }, schema: { tags, summary: 'Accounts in my scope', querystring: UserQuery, response: { 200: UserPage } } },
    async (req) => service.listUsers(ctxOf(req, deps), req.query),
  );
  app.get(
    '/api/users/:id',
    { config: { action: 'user.read' }, schema: { tags, summary: 'One account', params: IdParams, response: { 200: User } } },
    async (req) => service.getUser(ctxOf(req, deps), req.params.id),
  );
  app.post(
    '/api/users',
    { config: { action: 'user.create' }, schema: { tags, summary: 'Create an account', body: CreateUserBody, response: { 201: User } } },
    async (req, reply) => reply.status(201).send(await service.createUser(ctxOf(req, deps), req.body)),
  );
  app.patch(
    '/api/users/:id',
    { config: { action: 'user.update' }, schema: { tags, summary: 'Edit an account', params: IdParams, body: UpdateUserBody, response: { 200: User } } },
    async (req) => service.updateUser(ctxOf(req, deps), req.params.id, req.body),
  );
  app.post(
    '/api/users/:id/reset-password',
    {
      config: { action: 'user.update' },
      schema: { tags, summary: "Reset an account's password", params: IdParams, body: ResetPasswordBody, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await service.resetPassword(ctxOf(req, deps), req.params.id, req.body.password);
      return reply.status(204).send(null);
    },
  );
}
