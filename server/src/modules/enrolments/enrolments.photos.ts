import type { PhotoZipReport } from '@skillcert/shared/api/enrolment';
import { maskIdCard } from '@skillcert/shared/validators/mask';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { enrolments, persons } from '../../db/schema.ts';
import { type ArchiveLimits, archiveRefusalMessage, readZip } from '../../lib/archive.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { message } from '../../http/messages.ts';
import type { IdentityVault } from '../identity/identity.vault.ts';
import { DEFAULT_PHOTO_LIMITS, normalisePhoto } from '../photos/photos.image.ts';
import { photosFromZip } from '../photos/photos.zip.ts';
import { requirePlanManage, requirePlanRead } from './enrolments.policy.ts';
import * as repo from './enrolments.repository.ts';

// 证件照: one colour one-inch photo per person, uploaded one by one or as a ZIP of files named by ID number; each
// checked and re-encoded by the photos module, stored on the person (so every plan and the certificate share it).

/** What a photo ZIP may unpack to: 5,000 files, 300 MB in all, 12 MB a file, and no zip-bomb ratio. */
export const PHOTO_ZIP_LIMITS: ArchiveLimits = { maxEntries: 5000, maxTotalBytes: 300 * 1024 * 1024, maxEntryBytes: 12 * 1024 * 1024, maxRatio: 100 };

async function loadPlan(ex: Executor, planId: string) {
  const plan = await repo.findPlan(ex, planId);
  if (!plan) throw notFound('plan');
  return plan;
}

async function savePhoto(ex: Executor, personId: string, photo: { jpeg: Buffer; width: number; height: number }): Promise<void> {
  await ex
    .update(persons)
    .set({ photo: photo.jpeg, photoWidth: photo.width, photoHeight: photo.height, photoAt: new Date(), updatedAt: new Date() })
    .where(eq(persons.id, personId));
}

/** One candidate's photo: checked (JPEG/PNG by content, size, ratio), re-encoded, stored on the person. */
export async function uploadPhoto(
  ctx: UseCaseContext,
  planId: string,
  enrolmentId: string,
  bytes: Buffer,
): Promise<{ width: number; height: number; bytes: number }> {
  const plan = await loadPlan(ctx.db, planId);
  requirePlanManage(ctx.actor, plan);
  const row = await repo.findEnrolment(ctx.db, planId, enrolmentId);
  if (!row) throw notFound('enrolment');
  const photo = await normalisePhoto(bytes, DEFAULT_PHOTO_LIMITS);
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    await savePhoto(tx, row.personId, photo);
    await audit({
      action: 'person.photo',
      targetType: 'person',
      targetId: row.personId,
      after: { planId, width: photo.width, height: photo.height, bytes: photo.jpeg.length },
    });
  });
  return { width: photo.width, height: photo.height, bytes: photo.jpeg.length };
}

export async function photoOf(ex: Executor, personId: string): Promise<Buffer | null> {
  const [row] = await ex.select({ photo: persons.photo }).from(persons).where(eq(persons.id, personId)).limit(1);
  return row?.photo ?? null;
}

export async function enrolmentPhoto(ctx: UseCaseContext, planId: string, enrolmentId: string): Promise<Buffer> {
  const plan = await loadPlan(ctx.db, planId);
  await requirePlanRead(ctx.db, ctx.actor, plan);
  const row = await repo.findEnrolment(ctx.db, planId, enrolmentId);
  if (!row) throw notFound('enrolment');
  const photo = await photoOf(ctx.db, row.personId);
  if (!photo) throw notFound('photo');
  return photo;
}

/** Enrolled candidates of the plan still without a photo. */
async function withoutPhoto(ex: Executor, vault: IdentityVault, planId: string) {
  const rows = await ex
    .select({ enrolmentId: enrolments.id, name: persons.name, idCipher: persons.idCipher })
    .from(enrolments)
    .innerJoin(persons, eq(persons.id, enrolments.personId))
    .where(and(eq(enrolments.planId, planId), eq(enrolments.status, 'enrolled'), isNull(persons.photo)))
    .orderBy(persons.name);
  return rows.map((r) => ({ enrolmentId: r.enrolmentId, name: r.name, idNumberMasked: maskIdCard(vault.open(r.idCipher)) }));
}

/**
 * Photos in bulk: a ZIP of files named by ID number. The archive is read by the one safe reader (real inflated bytes
 * counted, zip bombs stopped); each file gets a line in the report; valid photos of the plan's candidates are stored
 * in one transaction. Also lists who is still without a photo.
 */
export async function uploadPhotoZip(ctx: UseCaseContext, vault: IdentityVault, planId: string, bytes: Buffer): Promise<PhotoZipReport> {
  const locale = ctx.locale ?? 'zh-CN';
  const plan = await loadPlan(ctx.db, planId);
  requirePlanManage(ctx.actor, plan);
  const archive = readZip(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), PHOTO_ZIP_LIMITS);
  if (!archive.ok) {
    const status = archive.refusal.reason === 'corrupt' || archive.refusal.reason === 'method' || archive.refusal.reason === 'encrypted' ? 422 : 413;
    throw new AppError(status, 'PHOTO.ZIP_REFUSED', { refusal: archive.refusal }, { reason: archiveRefusalMessage(archive.refusal, locale) });
  }
  const found = await photosFromZip(archive.entries, DEFAULT_PHOTO_LIMITS);

  // The plan's candidates by identity hash.
  const hashes = [...new Set(found.files.filter((f) => f.ok).map((f) => vault.hash(f.idNumber!)))];
  const candidates = hashes.length
    ? await ctx.db
        .select({ personId: persons.id, name: persons.name, idHash: persons.idHash })
        .from(enrolments)
        .innerJoin(persons, eq(persons.id, enrolments.personId))
        .where(and(eq(enrolments.planId, planId), eq(persons.idType, 'resident_id'), inArray(persons.idHash, hashes)))
    : [];
  const byHash = new Map(candidates.map((c) => [c.idHash, c]));

  // File names are ID numbers: the report shows them masked, like every list.
  const shown = (path: string) => path.replace(/\d{17}[\dXx]/g, (id) => maskIdCard(id));
  const files: PhotoZipReport['files'] = [];
  const toStore: { personId: string; photo: { jpeg: Buffer; width: number; height: number } }[] = [];
  for (const f of found.files) {
    if (!f.ok) {
      files.push({ file: shown(f.path), ok: false, candidate: null, message: message(locale, f.code, f.params ?? {}) });
      continue;
    }
    const who = byHash.get(vault.hash(f.idNumber));
    if (!who) {
      files.push({ file: shown(f.path), ok: false, candidate: null, message: message(locale, 'PHOTO.NOT_A_CANDIDATE', { id: maskIdCard(f.idNumber) }) });
      continue;
    }
    toStore.push({ personId: who.personId, photo: f.photo });
    files.push({
      file: shown(f.path),
      ok: true,
      candidate: `${who.name} ${maskIdCard(f.idNumber)}`,
      message: message(locale, 'PHOTO.STORED', { width: f.photo.width, height: f.photo.height, kb: Math.ceil(f.photo.jpeg.length / 1024) }),
    });
  }
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    for (const s of toStore) await savePhoto(tx, s.personId, s.photo);
    await audit({ action: 'person.photo_zip', targetType: 'plan', targetId: planId, after: { files: files.length, stored: toStore.length } });
  });
  return { stored: toStore.length, refused: files.length - toStore.length, files, withoutPhoto: await withoutPhoto(ctx.db, vault, planId) };
}
