import { IdParams } from '@skillcert/shared/api/common';
import {
  FindingsBody,
  Inspection,
  InspectionCreate,
  InspectionPage,
  InspectionQuery,
  ItemParams,
  RectificationCreate,
  RectificationDecisionBody,
  RectificationResponseBody,
} from '@skillcert/shared/api/sanctions';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './inspections.service.ts';

const tags = ['inspections'];

export function registerInspectionRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/inspections',
    {
      config: { action: 'inspection.read' },
      schema: { tags, summary: 'Inspections (检查) in my scope', querystring: InspectionQuery, response: { 200: InspectionPage } },
    },
    async (req) => service.listInspections(ctxOf(req, deps), req.query),
  );
  app.post(
    '/api/inspections',
    {
      config: { action: 'inspection.manage' },
      schema: { tags, summary: 'Plan or open ad hoc an inspection', body: InspectionCreate, response: { 201: Inspection } },
    },
    async (req, reply) => reply.status(201).send(await service.createInspection(ctxOf(req, deps), req.body)),
  );
  app.get(
    '/api/inspections/:id',
    { config: { action: 'inspection.read' }, schema: { tags, summary: 'One inspection with its 整改 items', params: IdParams, response: { 200: Inspection } } },
    async (req) => service.getInspection(ctxOf(req, deps), req.params.id),
  );
  app.put(
    '/api/inspections/:id/findings',
    {
      config: { action: 'inspection.manage' },
      schema: { tags, summary: 'Record the findings', params: IdParams, body: FindingsBody, response: { 200: Inspection } },
    },
    async (req) => service.recordFindings(ctxOf(req, deps), req.params.id, req.body.findings),
  );
  app.post(
    '/api/inspections/:id/items',
    {
      config: { action: 'inspection.manage' },
      schema: { tags, summary: 'Add a 整改 item with its due date', params: IdParams, body: RectificationCreate, response: { 200: Inspection } },
    },
    async (req) => service.addItem(ctxOf(req, deps), req.params.id, req.body),
  );
  app.post(
    '/api/inspections/:id/items/:itemId/response',
    {
      config: { action: 'inspection.respond' },
      schema: { tags, summary: 'The institution answers a 整改 item', params: ItemParams, body: RectificationResponseBody, response: { 200: Inspection } },
    },
    async (req) => service.respondItem(ctxOf(req, deps), req.params.id, req.params.itemId, req.body.response),
  );
  app.post(
    '/api/inspections/:id/items/:itemId/decision',
    {
      config: { action: 'inspection.manage' },
      schema: { tags, summary: 'Accept an answered item, or return it', params: ItemParams, body: RectificationDecisionBody, response: { 200: Inspection } },
    },
    async (req) => service.decideItem(ctxOf(req, deps), req.params.id, req.params.itemId, req.body),
  );
  app.post(
    '/api/inspections/:id/close',
    {
      config: { action: 'inspection.manage' },
      schema: { tags, summary: 'Close once every item is accepted', params: IdParams, body: z.strictObject({}), response: { 200: Inspection } },
    },
    async (req) => service.closeInspection(ctxOf(req, deps), req.params.id),
  );
}
