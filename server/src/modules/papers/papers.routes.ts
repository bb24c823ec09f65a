import {
  AssembleBody,
  AssembleResult,
  CandidatePaper,
  FileUpload,
  PaperDetail,
  PaperDetailQuery,
  PaperPage,
  PaperQuery,
  QtiImportBody,
  QtiImportReport,
  ResponsesBody,
  ResponsesResult,
  ScoresImportReport,
} from '@skillcert/shared/api/banks';
import { IdParams } from '@skillcert/shared/api/common';
import { z } from 'zod';
import { attachment } from '../../http/content-disposition.ts';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as qti from '../qti/qti.service.ts';
import * as service from './papers.service.ts';

const ZIP = 'application/zip';
const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PrintQuery = z.strictObject({ copy: z.enum(['candidate', 'key']).default('candidate') });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerPaperRoutes(app: App, deps: AppDeps): void {
  const tags = ['question-banks'];
  app.post(
    '/api/papers/assemble',
    {
      config: { action: 'bank.manage' },
      schema: {
        tags,
        summary: 'Assemble one or more variants to the blueprint (dryRun: preview only); an unmet blueprint is explained, never a short paper',
        body: AssembleBody,
        response: { 200: AssembleResult, 201: AssembleResult },
      },
    },
    async (req, reply) => {
      const result = await service.assemble(ctxOf(req, deps), req.body);
      return reply.status(result.stored ? 201 : 200).send(result);
    },
  );
  app.get(
    '/api/papers',
    { config: { action: 'bank.read' }, schema: { tags, summary: 'Papers in my scope, newest first', querystring: PaperQuery, response: { 200: PaperPage } } },
    async (req) => service.listPapers(ctxOf(req, deps), req.query),
  );
  app.get(
    '/api/papers/:id',
    {
      config: { action: 'bank.read' },
      schema: {
        tags,
        summary: 'One paper with its items (the versions it was built from) and blueprint coverage; answers only with answers=true (bank staff, audited)',
        params: IdParams,
        querystring: PaperDetailQuery,
        response: { 200: PaperDetail },
      },
    },
    async (req) => service.getPaper(ctxOf(req, deps), req.params.id, { withAnswers: req.query.answers === 'true' }),
  );
  app.get(
    '/api/papers/:id/candidate-view',
    {
      config: { action: 'bank.manage' },
      schema: {
        tags,
        summary: 'A candidate’s copy: item and option order reproducible from the paper seed and the candidate key',
        params: IdParams,
        querystring: z.strictObject({ candidate: z.string().trim().min(1).max(64) }),
        response: { 200: CandidatePaper },
      },
    },
    async (req) => service.candidateView(ctxOf(req, deps), req.params.id, req.query.candidate),
  );
  app.post(
    '/api/papers/:id/responses',
    {
      bodyLimit: 30 * 1024 * 1024,
      config: { action: 'bank.manage' },
      schema: {
        tags,
        summary: 'Record scores of a sitting (per candidate and item); item statistics are recomputed',
        params: IdParams,
        body: ResponsesBody,
        response: { 200: ResponsesResult },
      },
    },
    async (req) => service.recordResponses(ctxOf(req, deps), req.params.id, req.body),
  );
  app.get(
    '/api/papers/:id/scores-template.xlsx',
    {
      config: { action: 'bank.manage' },
      schema: { tags, summary: 'The paper’s scores sheet: a row per candidate, a column per item (hidden item ids, 0 … points validation)', params: IdParams },
    },
    async (req, reply) => {
      const { filename, bytes } = await service.scoresTemplate(ctxOf(req, deps), req.params.id);
      return reply.header('content-disposition', attachment(filename)).type(XLSX).send(bytes);
    },
  );
  app.post(
    '/api/papers/:id/scores/import',
    {
      bodyLimit: 30 * 1024 * 1024,
      config: { action: 'bank.manage' },
      schema: {
        tags,
        summary: 'Record a sitting from its filled scores sheet: every candidate, or none and a per-row report; item statistics are recomputed',
        params: IdParams,
        body: FileUpload,
        response: { 200: ScoresImportReport },
      },
    },
    async (req) => service.importScores(ctxOf(req, deps), req.params.id, Buffer.from(req.body.contentBase64, 'base64')),
  );
  for (const format of ['pdf', 'docx'] as const) {
    app.get(
      `/api/papers/:id/print.${format}`,
      {
        config: { action: 'bank.read' },
        schema: {
          tags,
          summary: `The paper to print (${format === 'pdf' ? 'PDF' : 'Word'}): copy=candidate — sections, then the answer sheet; copy=key — the answer key and marking scheme (bank.manage)`,
          params: IdParams,
          querystring: PrintQuery,
        },
      },
      async (req, reply) => {
        const { filename, bytes } = await service.printPaper(ctxOf(req, deps), req.params.id, format, req.query.copy);
        return reply
          .header('content-disposition', attachment(filename))
          .type(format === 'pdf' ? PDF : DOCX)
          .send(bytes);
      },
    );
  }
  app.get(
    '/api/papers/:id/qti.zip',
    { config: { action: 'bank.manage' }, schema: { tags, summary: 'The paper as a QTI 3.0 content package (assessment test + items)', params: IdParams } },
    async (req, reply) => {
      const { filename, bytes } = await qti.exportPaper(ctxOf(req, deps), req.params.id);
      return reply.header('content-disposition', attachment(filename)).type(ZIP).send(Buffer.from(bytes));
    },
  );
  app.get(
    '/api/blueprints/:id/qti.zip',
    { config: { action: 'bank.manage' }, schema: { tags, summary: 'The blueprint’s bank (items not retired) as a QTI 3.0 content package', params: IdParams } },
    async (req, reply) => {
      const { filename, bytes } = await qti.exportBank(ctxOf(req, deps), req.params.id);
      return reply.header('content-disposition', attachment(filename)).type(ZIP).send(Buffer.from(bytes));
    },
  );
  app.post(
    '/api/qti/import',
    {
      bodyLimit: 30 * 1024 * 1024,
      config: { action: 'bank.manage' },
      schema: {
        tags,
        summary: 'Import a QTI 3.0/2.1 package or item: items (and the paper, if it holds a test), all or nothing',
        body: QtiImportBody,
        response: { 200: QtiImportReport },
      },
    },
    async (req) => qti.importPackage(ctxOf(req, deps), req.body),
  );
}
