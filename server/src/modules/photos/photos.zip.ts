import { type IdCardFailureReason, parseIdCard } from '@skillcert/shared/validators/id-card';
import { AppError } from '../../http/errors.ts';
import { type ArchiveLimits, type ArchiveRefusal, readZip, safeEntryPath } from '../../lib/archive.ts';
import { DEFAULT_PHOTO_LIMITS, type NormalisedPhoto, type PhotoLimits, normalisePhoto } from './photos.image.ts';

/**
 * Photos in bulk, the way schools collect them: a ZIP of files named by ID number (`110101199003077777.jpg`, any
 * folder depth, extension in any case). Takes the entries already unpacked (lib/archive.ts guards the unzip itself)
 * and reports on every file; the valid ones come back normalised. Nothing here trusts a name for anything but the
 * ID number: content is checked by normalisePhoto.
 */
export type PhotoZipReason =
  | 'unsafe_path' // PHOTO.ZIP_UNSAFE_PATH
  | 'not_photo_file' // PHOTO.ZIP_NOT_PHOTO_FILE
  | 'not_id_name' // PHOTO.ZIP_NOT_ID_NAME
  | 'bad_id' // PHOTO.ZIP_BAD_ID
  | 'duplicate' // PHOTO.ZIP_DUPLICATE
  | 'not_image' // PHOTO.NOT_IMAGE
  | 'too_small' // PHOTO.TOO_SMALL
  | 'bad_ratio' // PHOTO.BAD_RATIO
  | 'too_large'; // PHOTO.TOO_LARGE

export type PhotoZipFileResult =
  | { path: string; idNumber: string; ok: true; photo: NormalisedPhoto }
  | {
      path: string;
      /** The ID number read from the name when there is one (normalised), else null. */
      idNumber: string | null;
      ok: false;
      reason: PhotoZipReason;
      /** Message-catalog code for the reason (PHOTO.*), with its params. */
      code: string;
      params?: Record<string, string | number>;
      /** For bad_id: which check of GB 11643 failed. */
      idFailure?: IdCardFailureReason;
    };

export interface PhotoZipReport {
  /** One result per file, in the archive's order. */
  files: PhotoZipFileResult[];
  accepted: number;
  refused: number;
  /** Entries not looked at: folders and system litter (`__MACOSX/…`, `.DS_Store`, `Thumbs.db`, dot-files). */
  skipped: string[];
}

const REASON_CODE: Record<PhotoZipReason, string> = {
  unsafe_path: 'PHOTO.ZIP_UNSAFE_PATH',
  not_photo_file: 'PHOTO.ZIP_NOT_PHOTO_FILE',
  not_id_name: 'PHOTO.ZIP_NOT_ID_NAME',
  bad_id: 'PHOTO.ZIP_BAD_ID',
  duplicate: 'PHOTO.ZIP_DUPLICATE',
  not_image: 'PHOTO.NOT_IMAGE',
  too_small: 'PHOTO.TOO_SMALL',
  bad_ratio: 'PHOTO.BAD_RATIO',
  too_large: 'PHOTO.TOO_LARGE',
};

const CODE_REASON: Record<string, PhotoZipReason> = Object.fromEntries(Object.entries(REASON_CODE).map(([r, c]) => [c, r as PhotoZipReason]));

/**
 * `..` as a segment, an absolute path (`/x`, `C:x`), a backslash or a control character: never used, reported.
 * The same rule as the archive reader's (lib/archive.ts safeEntryPath).
 */
export function isUnsafeZipPath(path: string): boolean {
  return safeEntryPath(path) === null;
}

function isLitter(path: string): boolean {
  if (path.endsWith('/')) return true;
  const segs = path.split('/');
  const base = segs[segs.length - 1] ?? '';
  return segs.includes('__MACOSX') || base.startsWith('.') || base.toLowerCase() === 'thumbs.db' || base.toLowerCase() === 'desktop.ini';
}

const PHOTO_NAME = /^(.+)\.(jpe?g|png)$/i;

export async function photosFromZip(entries: { path: string; data: Uint8Array }[], limits: PhotoLimits): Promise<PhotoZipReport> {
  const skipped: string[] = [];
  const refuse = (
    path: string,
    idNumber: string | null,
    reason: PhotoZipReason,
    extra: Partial<Extract<PhotoZipFileResult, { ok: false }>> = {},
  ): PhotoZipFileResult => ({
    path,
    idNumber,
    ok: false,
    reason,
    code: REASON_CODE[reason],
    ...extra,
  });

  // 1. Names: safe path, photo extension, a valid ID number.
  type Named = { index: number; path: string; idNumber: string; data: Uint8Array };
  const results: (PhotoZipFileResult | null)[] = [];
  const named: Named[] = [];
  for (const e of entries) {
    if (isUnsafeZipPath(e.path)) {
      results.push(refuse(e.path, null, 'unsafe_path'));
      continue;
    }
    if (isLitter(e.path)) {
      skipped.push(e.path);
      continue;
    }
    const base = e.path.split('/').pop() ?? '';
    const m = PHOTO_NAME.exec(base);
    if (!m) {
      results.push(refuse(e.path, null, 'not_photo_file'));
      continue;
    }
    const stem = (m[1] ?? '').trim();
    if (!/^\d{17}[\dXx]$/.test(stem)) {
      results.push(refuse(e.path, null, 'not_id_name'));
      continue;
    }
    const id = parseIdCard(stem);
    if (!id.ok) {
      results.push(refuse(e.path, stem.toUpperCase(), 'bad_id', { idFailure: id.reason }));
      continue;
    }
    named.push({ index: results.length, path: e.path, idNumber: id.value, data: e.data });
    results.push(null);
  }

  // 2. One photo per person: every copy of a repeated ID number is refused (which one is right is the school's call).
  const count = new Map<string, number>();
  for (const n of named) count.set(n.idNumber, (count.get(n.idNumber) ?? 0) + 1);

  // 3. Content: each remaining file checked and re-encoded.
  for (const n of named) {
    if ((count.get(n.idNumber) ?? 0) > 1) {
      results[n.index] = refuse(n.path, n.idNumber, 'duplicate');
      continue;
    }
    try {
      results[n.index] = { path: n.path, idNumber: n.idNumber, ok: true, photo: await normalisePhoto(n.data, limits) };
    } catch (e) {
      const reason = e instanceof AppError ? CODE_REASON[e.code] : undefined;
      if (!reason || !(e instanceof AppError)) throw e;
      results[n.index] = refuse(n.path, n.idNumber, reason, e.params ? { params: e.params } : {});
    }
  }

  const files = results.filter((r): r is PhotoZipFileResult => r !== null);
  const accepted = files.filter((f) => f.ok).length;
  return { files, accepted, refused: files.length - accepted, skipped };
}

/**
 * Archive limits for a photo ZIP: a school's whole year (a few thousand photos), each entry at most twice the photo
 * upload limit (a larger one refuses the archive; smaller oversize files are reported one by one), photos barely
 * compress so a high ratio means a bomb.
 */
export const PHOTO_ZIP_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxEntries: 5000,
  maxTotalBytes: 500 * 1024 * 1024,
  maxEntryBytes: 2 * DEFAULT_PHOTO_LIMITS.maxUploadBytes,
  maxRatio: 50,
});

/**
 * The ZIP as uploaded: unpacked by the one archive reader (zip bombs and lying headers refused as a whole, with the
 * limit named — see archiveRefusalMessage), then every file reported by photosFromZip.
 */
export async function readPhotoZip(
  zip: Uint8Array,
  limits: PhotoLimits = DEFAULT_PHOTO_LIMITS,
  archiveLimits: ArchiveLimits = PHOTO_ZIP_LIMITS,
): Promise<{ ok: true; report: PhotoZipReport } | { ok: false; refusal: ArchiveRefusal }> {
  const read = readZip(zip, archiveLimits);
  if (!read.ok) return read;
  return { ok: true, report: await photosFromZip(read.entries, limits) };
}
