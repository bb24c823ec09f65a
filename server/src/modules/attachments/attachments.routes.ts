import { IdParams } from '@skillcert/shared/api/common';
import { Attachment, UploadBody } from '@skillcert/shared/api/specs';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './attachments.service.ts';

const tags = ['attachments'];

export function registerAttachmentRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/attachments',
    {
      config: { action: 'attachment.upload' },
      bodyLimit: 15 * 1024 * 1024,
      schema: { tags, summary: 'Upload a document (base64 JSON, at most 10 MiB)', body: UploadBody, response: { 201: Attachment } },
    },
    async (req, reply) => reply.status(201).send(await service.uploadAttachment(ctxOf(req, deps), req.body)),
  );
  app.get(
    '/api/attachments/:id',
    { config: { action: 'attachment.read' }, schema: { tags, summary: "A document's metadata", params: IdParams, response: { 200: Attachment } } },
    async (req) => service.getAttachment(ctxOf(req, deps), req.params.id),
  );
  app.get(
    '/api/attachments/:id/content',
    { config: { action: 'attachment.read' }, schema: { tags, summary: 'Download a document', params: IdParams, produces: ['application/octet-stream'] } },
    async (req, reply) => {
      const { meta, content } = await service.downloadAttachment(ctxOf(req, deps), req.params.id);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(meta.filename)}`);
      reply.header('x-content-type-options', 'nosniff');
      return reply.type('application/octet-stream').send(content);
    },
  );
}
