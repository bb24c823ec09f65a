import { sendJson } from '../../http/public-cache.ts';
import { PUBLIC_RATE } from '../../http/rate-limit.ts';
import { IdParams } from '@skillcert/shared/api/common';
import { EligibilityReport } from '@skillcert/shared/api/filings';
import {
  Institution,
  InstitutionQuery,
  PriorVolumeBody,
  PublicInstitution,
  PublicInstitutionPage,
  PublicInstitutionQuery,
  ScopeLineParams,
  ScopeSuspensionBody,
  ViolationBody,
} from '@skillcert/shared/api/institutions';
import { pageOf } from '@skillcert/shared/api/common';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './institutions.service.ts';

const tags = ['institutions'];

export function registerInstitutionRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/public/institutions',
    {
      config: { public: true, rateLimit: PUBLIC_RATE.lookup },
      schema: {
        tags: ['public'],
        summary: 'R10: free public catalog of filed evaluation institutions',
        querystring: PublicInstitutionQuery,
        response: { 200: PublicInstitutionPage },
      },
    },
    async (req, reply) => sendJson(reply, PublicInstitutionPage, await service.publicCatalog(deps.db, req.query)),
  );
  app.get(
    '/api/public/institutions/:id',
    {
      config: { public: true, rateLimit: PUBLIC_RATE.lookup },
      schema: { tags: ['public'], summary: 'One filed institution', params: IdParams, response: { 200: PublicInstitution } },
    },
    async (req) => service.publicInstitution(deps.db, req.params.id),
  );
  app.get(
    '/api/institutions',
    {
      config: { action: 'institution.read' },
      schema: {
        tags,
        summary: 'Institutions in my scope (all statuses): search, status, listing-day range, sort',
        querystring: InstitutionQuery,
        response: { 200: pageOf(PublicInstitution) },
      },
    },
    async (req) => service.listInstitutions(ctxOf(req, deps), req.query),
  );
  app.get(
    '/api/institutions/:id',
    { config: { action: 'institution.read' }, schema: { tags, summary: 'One institution with violations', params: IdParams, response: { 200: Institution } } },
    async (req) => service.getInstitution(ctxOf(req, deps), req.params.id),
  );
  app.get(
    '/api/institutions/:id/expansion-eligibility',
    {
      config: { action: 'institution.read' },
      schema: { tags, summary: 'R4: may it apply for 增设 now?', params: IdParams, response: { 200: EligibilityReport } },
    },
    async (req) => service.expansionEligibility(ctxOf(req, deps), req.params.id),
  );
  app.post(
    '/api/institutions/:id/violations',
    {
      config: { action: 'institution.sanction' },
      schema: { tags, summary: 'Record a violation', params: IdParams, body: ViolationBody, response: { 201: Institution } },
    },
    async (req, reply) => reply.status(201).send(await service.recordViolation(ctxOf(req, deps), req.params.id, req.body)),
  );
  app.put(
    '/api/institutions/:id/prior-volume',
    {
      config: { action: 'institution.sanction' },
      schema: { tags, summary: 'Record candidates evaluated before the platform', params: IdParams, body: PriorVolumeBody, response: { 200: Institution } },
    },
    async (req) => service.setPriorVolume(ctxOf(req, deps), req.params.id, req.body),
  );
  app.post(
    '/api/institutions/:id/scope/:lineId/suspension',
    {
      config: { action: 'institution.sanction' },
      schema: {
        tags,
        summary: 'Suspend one scope line, or put it back in force',
        params: ScopeLineParams,
        body: ScopeSuspensionBody,
        response: { 200: Institution },
      },
    },
    async (req) => service.setScopeLineSuspension(ctxOf(req, deps), req.params.id, req.params.lineId, req.body),
  );
}
