import { IdParams } from '@skillcert/shared/api/common';
import {
  Assignee,
  AssignBody,
  ComplaintAnswerBody,
  ComplaintBody,
  ComplaintPage,
  ComplaintQuery,
  ComplaintReceipt,
  ComplaintTrackingParams,
  ComplaintView,
  EvidenceParams,
  NoteBody,
  PublicComplaint,
} from '@skillcert/shared/api/complaints';
import { z } from 'zod';
import { attachment } from '../../http/content-disposition.ts';
import { ctxOf } from '../../http/context.ts';
import { PUBLIC_RATE } from '../../http/rate-limit.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './complaints.service.ts';

const tags = ['complaints'];

export function registerComplaintRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/public/complaints',
    {
      config: { public: true, rateLimit: PUBLIC_RATE.write },
      bodyLimit: 10 * 1024 * 1024,
      schema: {
        tags: ['public'],
        summary: '投诉: lodge a complaint about an institution of the catalog (no login; evidence ≤ 3 files of 2 MiB); answers a tracking code',
        body: ComplaintBody,
        response: { 201: ComplaintReceipt },
      },
    },
    async (req, reply) => reply.status(201).send(await service.lodgeComplaint(deps.db, req.body, { requestId: req.id })),
  );
  app.get(
    '/api/public/complaints/:code',
    {
      config: { public: true, rateLimit: PUBLIC_RATE.search },
      schema: {
        tags: ['public'],
        summary: 'A complaint’s progress and answer by its tracking code',
        params: ComplaintTrackingParams,
        response: { 200: PublicComplaint },
      },
    },
    async (req) => service.trackComplaint(deps.db, req.params.code),
  );
  app.get(
    '/api/complaints',
    {
      config: { action: 'complaint.manage' },
      schema: { tags, summary: 'Complaints about institutions in my region (HR)', querystring: ComplaintQuery, response: { 200: ComplaintPage } },
    },
    async (req) => service.listComplaints(ctxOf(req, deps), req.query),
  );
  app.get(
    '/api/complaints/:id',
    { config: { action: 'complaint.manage' }, schema: { tags, summary: 'One complaint', params: IdParams, response: { 200: ComplaintView } } },
    async (req) => service.getComplaint(ctxOf(req, deps), req.params.id),
  );
  app.get(
    '/api/complaints/:id/assignees',
    {
      config: { action: 'complaint.manage' },
      schema: { tags, summary: 'HR accounts the complaint may be assigned to', params: IdParams, response: { 200: z.array(Assignee) } },
    },
    async (req) => service.assigneesFor(ctxOf(req, deps), req.params.id),
  );
  app.post(
    '/api/complaints/:id/assign',
    {
      config: { action: 'complaint.manage' },
      schema: { tags, summary: 'Assign (or re-assign) to an HR officer', params: IdParams, body: AssignBody, response: { 200: ComplaintView } },
    },
    async (req) => service.assignComplaint(ctxOf(req, deps), req.params.id, req.body.userId),
  );
  app.post(
    '/api/complaints/:id/notes',
    {
      config: { action: 'complaint.manage' },
      schema: { tags, summary: 'The assignee records the investigation (调查记录)', params: IdParams, body: NoteBody, response: { 200: ComplaintView } },
    },
    async (req) => service.noteComplaint(ctxOf(req, deps), req.params.id, req.body.text),
  );
  app.post(
    '/api/complaints/:id/answer',
    {
      config: { action: 'complaint.manage' },
      schema: {
        tags,
        summary: 'The assignee answers (shown on the tracking page)',
        params: IdParams,
        body: ComplaintAnswerBody,
        response: { 200: ComplaintView },
      },
    },
    async (req) => service.answerComplaint(ctxOf(req, deps), req.params.id, req.body.answer),
  );
  app.post(
    '/api/complaints/:id/close',
    { config: { action: 'complaint.manage' }, schema: { tags, summary: 'Close an answered complaint', params: IdParams, response: { 200: ComplaintView } } },
    async (req) => service.closeComplaint(ctxOf(req, deps), req.params.id),
  );
  app.get(
    '/api/complaints/:id/evidence/:evidenceId',
    {
      config: { action: 'complaint.manage' },
      schema: { tags, summary: 'Download one evidence file', params: EvidenceParams, produces: ['application/octet-stream'] },
    },
    async (req, reply) => {
      const e = await service.downloadEvidence(ctxOf(req, deps), req.params.id, req.params.evidenceId);
      reply.header('content-disposition', attachment(e.filename));
      reply.header('x-content-type-options', 'nosniff');
      return reply.type('application/octet-stream').send(e.content);
    },
  );
}
