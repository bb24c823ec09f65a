import { IdParams } from '@skillcert/shared/api/common';
import { OccupationCode } from '@skillcert/shared/api/occupations';
import {
  Proposal,
  ProposalBody,
  ProposalDecisionBody,
  ProposalPage,
  ProposalQuery,
  Spec,
  SpecBody,
  SpecDecisionBody,
  SpecPage,
  SpecQuery,
} from '@skillcert/shared/api/specs';
import { SkillLevel } from '@skillcert/shared/domain';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './specs.service.ts';

const Basis = z.union([
  z.object({ kind: z.literal('national_standard'), year: z.number() }),
  z.object({ kind: z.literal('filed_spec'), specId: z.string() }),
  z.object({ kind: z.literal('none'), reason: z.string() }),
]);

export function registerSpecRoutes(app: App, deps: AppDeps): void {
  const tags = ['specs'];
  app.get(
    '/api/specs',
    {
      config: { action: 'spec.read' },
      schema: {
        tags,
        summary: '评价规范 in my scope, one page (search, last-change day range, sort); todo=true: waiting for my review',
        querystring: SpecQuery,
        response: { 200: SpecPage },
      },
    },
    async (req) => service.listSpecs(ctxOf(req, deps), req.query),
  );
  app.get(
    '/api/specs/basis',
    {
      config: { action: 'spec.read' },
      schema: {
        tags,
        summary: 'R5: the evaluation basis a session would stand on (national standard, filed 评价规范, or none)',
        querystring: z.strictObject({ orgId: z.uuid(), occupationCode: OccupationCode, level: z.coerce.number().pipe(SkillLevel) }),
        response: { 200: Basis },
      },
    },
    async (req) => service.evaluationBasisFor(ctxOf(req, deps), req.query),
  );
  app.post(
    '/api/specs',
    {
      config: { action: 'spec.apply' },
      schema: { tags, summary: 'Draft a 评价规范 (occupations without a national standard only, R5)', body: SpecBody, response: { 201: Spec } },
    },
    async (req, reply) => reply.status(201).send(await service.createSpec(ctxOf(req, deps), req.body)),
  );
  app.get(
    '/api/specs/:id',
    { config: { action: 'spec.read' }, schema: { tags, summary: 'One 评价规范', params: IdParams, response: { 200: Spec } } },
    async (req) => service.getSpec(ctxOf(req, deps), req.params.id),
  );
  app.put(
    '/api/specs/:id',
    {
      config: { action: 'spec.apply' },
      schema: { tags, summary: 'Edit a draft or returned 评价规范', params: IdParams, body: SpecBody, response: { 200: Spec } },
    },
    async (req) => service.updateSpec(ctxOf(req, deps), req.params.id, req.body),
  );
  app.post(
    '/api/specs/:id/submit',
    { config: { action: 'spec.apply' }, schema: { tags, summary: 'File it with HR', params: IdParams, response: { 200: Spec } } },
    async (req) => service.submitSpec(ctxOf(req, deps), req.params.id),
  );
  app.post(
    '/api/specs/:id/decision',
    {
      config: { action: 'spec.review' },
      schema: { tags, summary: 'HR files or returns it', params: IdParams, body: SpecDecisionBody, response: { 200: Spec } },
    },
    async (req) => service.decideSpec(ctxOf(req, deps), req.params.id, req.body),
  );

  const ptags = ['special-items'];
  app.get(
    '/api/special-item-proposals',
    {
      config: { action: 'special_item.read' },
      schema: {
        tags: ptags,
        summary: '专项职业能力 item proposals in my scope, one page (search, proposal day range, sort); todo=true: waiting for my decision',
        querystring: ProposalQuery,
        response: { 200: ProposalPage },
      },
    },
    async (req) => service.listProposals(ctxOf(req, deps), req.query),
  );
  app.post(
    '/api/special-item-proposals',
    {
      config: { action: 'special_item.propose' },
      schema: { tags: ptags, summary: 'Propose a 专项职业能力 item for a major without an occupation', body: ProposalBody, response: { 201: Proposal } },
    },
    async (req, reply) => reply.status(201).send(await service.proposeItem(ctxOf(req, deps), req.body)),
  );
  app.get(
    '/api/special-item-proposals/:id',
    { config: { action: 'special_item.read' }, schema: { tags: ptags, summary: 'One proposal', params: IdParams, response: { 200: Proposal } } },
    async (req) => service.getProposal(ctxOf(req, deps), req.params.id),
  );
  app.post(
    '/api/special-item-proposals/:id/decision',
    {
      config: { action: 'special_item.review' },
      schema: {
        tags: ptags,
        summary: 'HR approves (into the province catalog), returns or rejects',
        params: IdParams,
        body: ProposalDecisionBody,
        response: { 200: Proposal },
      },
    },
    async (req) => service.decideProposal(ctxOf(req, deps), req.params.id, req.body),
  );
}
