import { IdParams, pageOf } from '@skillcert/shared/api/common';
import {
  ExternalCertificate,
  ExternalCertificateBody,
  ExternalCertificateQuery,
  ExternalImportBody,
  ExternalImportReport,
  NationalCandidates,
  NationalRecordBody,
  WithdrawBody,
} from '@skillcert/shared/api/external-certificates';
import { attachment } from '../../http/content-disposition.ts';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './external-certificates.service.ts';

const tags = ['external-certificates'];

/** 外部证书: a school records certificates its students gained elsewhere (never verified by us); bureaus read. */
export function registerExternalCertificateRoutes(app: App, appDeps: AppDeps): void {
  const deps = { identity: appDeps.identity };
  app.get(
    '/api/external-certificates',
    {
      config: { action: 'external_certificate.read' },
      schema: {
        tags,
        summary: 'Certificates from other channels: my school’s, or my region’s schools’ (bureaus, read-only); ID numbers masked',
        querystring: ExternalCertificateQuery,
        response: { 200: pageOf(ExternalCertificate) },
      },
    },
    async (req) => service.listExternal(ctxOf(req, appDeps), deps, req.query),
  );
  app.post(
    '/api/external-certificates',
    {
      config: { action: 'external_certificate.manage' },
      schema: {
        tags,
        summary: 'Record one certificate gained elsewhere (number checked for its kind)',
        body: ExternalCertificateBody,
        response: { 201: ExternalCertificate },
      },
    },
    async (req, reply) => reply.status(201).send(await service.recordExternal(ctxOf(req, appDeps), deps, req.body)),
  );
  app.get(
    '/api/external-certificates/template.xlsx',
    { config: { action: 'external_certificate.manage' }, schema: { tags, summary: 'The import template (dropdowns for ID type, kind, channel, level)' } },
    async (req, reply) =>
      reply
        .header('content-disposition', attachment('外部证书导入模板.xlsx'))
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await service.importTemplate(ctxOf(req, appDeps))),
  );
  app.post(
    '/api/external-certificates/import',
    {
      config: { action: 'external_certificate.manage' },
      bodyLimit: 15 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import a workbook: every row checked, nothing written unless all are accepted; the same file twice records each once',
        body: ExternalImportBody,
        response: { 200: ExternalImportReport },
      },
    },
    async (req) => service.importExternal(ctxOf(req, appDeps), deps, Buffer.from(req.body.contentBase64, 'base64')),
  );
  app.get(
    '/api/external-certificates/:id',
    {
      config: { action: 'external_certificate.read' },
      schema: { tags, summary: 'One recorded certificate', params: IdParams, response: { 200: ExternalCertificate } },
    },
    async (req) => service.getExternal(ctxOf(req, appDeps), deps, req.params.id),
  );
  app.post(
    '/api/external-certificates/:id/withdraw',
    {
      config: { action: 'external_certificate.manage' },
      schema: {
        tags,
        summary: 'Withdraw (撤回) a record made in error, with a reason',
        params: IdParams,
        body: WithdrawBody,
        response: { 200: ExternalCertificate },
      },
    },
    async (req) => service.withdrawExternal(ctxOf(req, appDeps), deps, req.params.id, req.body.reason),
  );
  app.get(
    '/api/plans/:id/external-certificates/national',
    {
      config: { action: 'external_certificate.read' },
      schema: {
        tags,
        summary: 'The plan’s cleared candidates and the external issuer’s 国家职业资格证书 recorded for them',
        params: IdParams,
        response: { 200: NationalCandidates },
      },
    },
    async (req) => service.nationalCandidates(ctxOf(req, appDeps), deps, req.params.id),
  );
  app.post(
    '/api/plans/:id/external-certificates/national',
    {
      config: { action: 'external_certificate.manage' },
      schema: {
        tags,
        summary: 'Record the external issuer’s 国家职业资格证书 numbers for cleared candidates (refused for one not cleared)',
        params: IdParams,
        body: NationalRecordBody,
        response: { 200: NationalCandidates },
      },
    },
    async (req) => service.recordNational(ctxOf(req, appDeps), deps, req.params.id, req.body),
  );
}
