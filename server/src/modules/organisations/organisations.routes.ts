import { IdParams } from '@skillcert/shared/api/common';
import {
  CreateOrganisationBody,
  Major,
  MajorBody,
  Organisation,
  OrganisationDetail,
  OrganisationPage,
  OrganisationQuery,
  UpdateOrganisationBody,
} from '@skillcert/shared/api/organisations';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './organisations.service.ts';

const tags = ['organisations'];

export function registerOrganisationRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/organisations',
    {
      config: { action: 'org.read' },
      schema: { tags, summary: 'Organisations in my scope', querystring: OrganisationQuery, response: { 200: OrganisationPage } },
    },
    async (req) => service.listOrganisations(ctxOf(req, deps), req.query),
  );

  app.get(
    '/api/organisations/:id',
    { config: { action: 'org.read' }, schema: { tags, summary: 'One organisation with its majors', params: IdParams, response: { 200: OrganisationDetail } } },
    async (req) => service.getOrganisation(ctxOf(req, deps), req.params.id),
  );

  app.post(
    '/api/organisations',
    { config: { action: 'org.create' }, schema: { tags, summary: 'Create a bureau or school', body: CreateOrganisationBody, response: { 201: Organisation } } },
    async (req, reply) => reply.status(201).send(await service.createOrganisation(ctxOf(req, deps), req.body)),
  );

  app.patch(
    '/api/organisations/:id',
    {
      config: { action: 'org.update' },
      schema: { tags, summary: 'Edit an organisation', params: IdParams, body: UpdateOrganisationBody, response: { 200: Organisation } },
    },
    async (req) => service.updateOrganisation(ctxOf(req, deps), req.params.id, req.body),
  );

  app.post(
    '/api/organisations/:id/majors',
    { config: { action: 'org.update' }, schema: { tags, summary: "Add a school's major", params: IdParams, body: MajorBody, response: { 201: Major } } },
    async (req, reply) => reply.status(201).send(await service.addMajor(ctxOf(req, deps), req.params.id, req.body)),
  );

  app.delete(
    '/api/organisations/:id/majors/:majorId',
    {
      config: { action: 'org.update' },
      schema: { tags, summary: "Remove a school's major", params: z.strictObject({ id: z.uuid(), majorId: z.uuid() }), response: { 204: z.null() } },
    },
    async (req, reply) => {
      await service.removeMajor(ctxOf(req, deps), req.params.id, req.params.majorId);
      return reply.status(204).send(null);
    },
  );
}
