import { Blueprint, BlueprintBody, BlueprintQuery, BlueprintUpdateBody, Coverage } from '@skillcert/shared/api/banks';
import { IdParams } from '@skillcert/shared/api/common';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import { blueprintCoverage } from '../curriculum/curriculum.service.ts';
import * as service from './blueprints.service.ts';

export function registerBlueprintRoutes(app: App, deps: AppDeps): void {
  const tags = ['question-banks'];
  app.get(
    '/api/blueprints',
    {
      config: { action: 'bank.read' },
      schema: { tags, summary: '鉴定要素细目表 in my scope', querystring: BlueprintQuery, response: { 200: z.array(Blueprint) } },
    },
    async (req) => service.listBlueprints(ctxOf(req, deps), req.query),
  );
  app.post(
    '/api/blueprints',
    {
      config: { action: 'bank.manage' },
      schema: {
        tags,
        summary: 'Set up the blueprint of an occupation and level (R5: national standard or a filed 评价规范)',
        body: BlueprintBody,
        response: { 201: Blueprint },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createBlueprint(ctxOf(req, deps), req.body)),
  );
  app.get(
    '/api/blueprints/:id',
    {
      config: { action: 'bank.read' },
      schema: { tags, summary: 'One blueprint with its weight problems and item counts', params: IdParams, response: { 200: Blueprint } },
    },
    async (req) => service.getBlueprint(ctxOf(req, deps), req.params.id),
  );
  app.put(
    '/api/blueprints/:id',
    {
      config: { action: 'bank.manage' },
      schema: { tags, summary: 'Edit areas, points and weights', params: IdParams, body: BlueprintUpdateBody, response: { 200: Blueprint } },
    },
    async (req) => service.updateBlueprint(ctxOf(req, deps), req.params.id, req.body),
  );
  app.get(
    '/api/blueprints/:id/coverage',
    {
      config: { action: 'bank.read' },
      schema: {
        tags,
        summary: 'Which areas the school’s courses teach and which they leave bare (课程内容与国家职业技能标准对接)',
        params: IdParams,
        response: { 200: Coverage },
      },
    },
    async (req) => blueprintCoverage(ctxOf(req, deps), req.params.id),
  );
}
