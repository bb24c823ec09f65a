import { createHash } from 'node:crypto';
import type { Attachment } from '@skillcert/shared/api/specs';
import { eq, sql } from 'drizzle-orm';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { attachments, organisations } from '../../db/schema.ts';
import { badRequest, notFound, unprocessable } from '../../http/errors.ts';
import { requireAction, requireOrgInScope } from '../access/policy.ts';
import type { OrgKind } from '@skillcert/shared/domain';
import { fieldIssue, vm } from '@skillcert/shared/validation-key';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const meta = {
  id: attachments.id,
  orgId: attachments.orgId,
  filename: attachments.filename,
  mimeType: attachments.mimeType,
  size: attachments.size,
  sha256: attachments.sha256,
  createdAt: attachments.createdAt,
};

type Meta = { id: string; filename: string; mimeType: string; size: number; sha256: string; createdAt: Date };
const present = (m: Meta): Attachment => ({
  id: m.id,
  filename: m.filename,
  mimeType: m.mimeType,
  size: m.size,
  sha256: m.sha256,
  createdAt: m.createdAt.toISOString(),
});

/** Stores a document for the uploader's organisation (attachments of filings, specs, proposals, reviews). */
export async function uploadAttachment(ctx: UseCaseContext, body: { filename: string; mimeType: string; contentBase64: string }): Promise<Attachment> {
  requireAction(ctx.actor, 'attachment.upload');
  if (!/^[A-Za-z0-9+/=\s]+$/.test(body.contentBase64))
    throw badRequest('VALIDATION.FAILED', { issues: [{ path: 'body.contentBase64', message: vm('valid.notBase64') }] });
  const content = Buffer.from(body.contentBase64, 'base64');
  if (content.length === 0) throw badRequest('VALIDATION.FAILED', { issues: [{ path: 'body.contentBase64', message: vm('valid.emptyFile') }] });
  if (content.length > MAX_ATTACHMENT_BYTES) throw unprocessable('ATTACHMENT.TOO_LARGE', { maxBytes: MAX_ATTACHMENT_BYTES });
  const sha256 = createHash('sha256').update(content).digest('hex');
  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(attachments)
      .values({ orgId: ctx.actor.orgId, uploadedBy: ctx.actor.userId, filename: body.filename, mimeType: body.mimeType, size: content.length, sha256, content })
      .returning(meta);
    if (!row) throw new Error('attachment not stored');
    await audit({ action: 'attachment.upload', targetType: 'attachment', targetId: row.id, after: present(row) });
    return present(row);
  });
}

/** Attachments are visible to whoever may see the organisation that uploaded them. */
async function loadVisible(ctx: UseCaseContext, ex: Executor, id: string) {
  const rows = await ex
    .select({ ...meta, kind: organisations.kind, regionCode: organisations.regionCode })
    .from(attachments)
    .innerJoin(organisations, eq(organisations.id, attachments.orgId))
    .where(eq(attachments.id, id))
    .limit(1);
  const row = rows[0];
  if (!row) throw notFound('attachment');
  requireOrgInScope(ctx.actor, { id: row.orgId, kind: row.kind as OrgKind, regionCode: row.regionCode }, 'attachment');
  return row;
}

export async function getAttachment(ctx: UseCaseContext, id: string): Promise<Attachment> {
  requireAction(ctx.actor, 'attachment.read');
  return present(await loadVisible(ctx, ctx.db, id));
}

export async function downloadAttachment(ctx: UseCaseContext, id: string) {
  requireAction(ctx.actor, 'attachment.read');
  const m = await loadVisible(ctx, ctx.db, id);
  const [row] = await ctx.db.select({ content: attachments.content }).from(attachments).where(eq(attachments.id, id));
  return { meta: present(m), content: row?.content ?? Buffer.alloc(0) };
}

/** Attachment ids that exist and belong to the organisation (for filings, specs, proposals). */
export async function requireOwnAttachments(ex: Executor, orgId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await ex.select({ id: attachments.id }).from(attachments).where(sql`${attachments.id} in ${ids} and ${attachments.orgId} = ${orgId}`);
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length)
    throw unprocessable('ATTACHMENT.UNKNOWN', { issues: missing.map((id) => fieldIssue('body.attachmentIds', 'valid.unknownAttachment', { id })) });
}
