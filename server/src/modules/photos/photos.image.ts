import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { AppError } from '../../http/errors.ts';

/**
 * 证件照 — a candidate's colour one-inch photo, checked by what the bytes are (magic bytes, then a full decode with
 * libvips through sharp), never by the client's content type or file name, and re-encoded by us: JPEG, EXIF
 * orientation applied, all metadata (EXIF, GPS, ICC comments) dropped, at most `maxOutputBytes`.
 *
 * Why sharp: measured on this machine for an 8-megapixel phone photo, sharp decodes, scales and encodes in ≈90 ms;
 * the pure-JS jpeg-js needs ≈5 s to decode and ≈6 s to encode the same image (no scaling). sharp ships libvips as
 * npm packages per platform (no download at install), supports Node ≥ 20.9, and refuses pixel bombs before decoding.
 */
export interface PhotoLimits {
  /** Refused before any decoding above this many bytes (PHOTO.TOO_LARGE). */
  maxUploadBytes: number;
  /** Minimum size in pixels after EXIF orientation (PHOTO.TOO_SMALL). */
  minWidth: number;
  minHeight: number;
  /** Width ÷ height the photo must have (one-inch photo: 295 ÷ 413) … */
  ratio: number;
  /** … within this relative tolerance (0.05 = ±5 %) (PHOTO.BAD_RATIO). */
  ratioTolerance: number;
  /** The stored JPEG is at most this many bytes. */
  maxOutputBytes: number;
  /** Larger photos are scaled down to fit this box (never up); keeps the stored photo sharp enough for print and small. */
  maxOutputWidth: number;
  maxOutputHeight: number;
  /** Width × height above which the image is not decoded at all (PHOTO.TOO_LARGE): a tiny PNG can claim 100 000 × 100 000. */
  maxPixels: number;
}

/** The one-inch photo (一寸照) at 300 dpi: 295 × 413 px or larger at that ratio, ≤ 200 KB stored, uploads up to 10 MiB. */
export const DEFAULT_PHOTO_LIMITS: Readonly<PhotoLimits> = Object.freeze({
  maxUploadBytes: 10 * 1024 * 1024,
  minWidth: 295,
  minHeight: 413,
  ratio: 295 / 413,
  ratioTolerance: 0.05,
  maxOutputBytes: 200 * 1024,
  maxOutputWidth: 590,
  maxOutputHeight: 826,
  maxPixels: 50_000_000,
});

export interface NormalisedPhoto {
  jpeg: Buffer;
  width: number;
  height: number;
}

export type PhotoFormat = 'jpeg' | 'png';

/** What the first bytes say the file is: only JPEG (FF D8 FF) and PNG (89 'PNG' 0D 0A 1A 0A) are photos here. */
export function sniffPhotoFormat(bytes: Uint8Array): PhotoFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'png';
  return null;
}

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

const notImage = (details: Record<string, unknown> = {}) => new AppError(415, 'PHOTO.NOT_IMAGE', details);

/** Checks an uploaded photo and returns our own JPEG of it. Throws AppError PHOTO.* with the limits in details/params. */
export async function normalisePhoto(bytes: Uint8Array, limits: PhotoLimits = DEFAULT_PHOTO_LIMITS): Promise<NormalisedPhoto> {
  if (bytes.length > limits.maxUploadBytes) {
    throw new AppError(413, 'PHOTO.TOO_LARGE', { bytes: bytes.length, maxBytes: limits.maxUploadBytes }, { max: mb(limits.maxUploadBytes) });
  }
  const format = sniffPhotoFormat(bytes);
  if (!format) throw notImage();
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  // Header only: dimensions and the format libvips sees.
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw notImage();
  }
  if (meta.format !== format) throw notImage({ format: meta.format });
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height) throw notImage();
  if (width * height > limits.maxPixels) {
    throw new AppError(413, 'PHOTO.TOO_LARGE', { width, height, maxPixels: limits.maxPixels }, { max: `${Math.round(limits.maxPixels / 1e6)} MP` });
  }
  if (width < limits.minWidth || height < limits.minHeight) {
    throw new AppError(
      422,
      'PHOTO.TOO_SMALL',
      { width, height, minWidth: limits.minWidth, minHeight: limits.minHeight },
      { width, height, minWidth: limits.minWidth, minHeight: limits.minHeight },
    );
  }
  const ratio = width / height;
  if (Math.abs(ratio / limits.ratio - 1) > limits.ratioTolerance) {
    throw new AppError(
      422,
      'PHOTO.BAD_RATIO',
      { width, height, ratio: Math.round(ratio * 1000) / 1000, expected: Math.round(limits.ratio * 1000) / 1000 },
      { width, height },
    );
  }

  // Decode fully (a truncated or corrupt file fails here), orient, flatten transparency on white, scale down, sRGB.
  let pixels: { data: Buffer; info: OutputInfo };
  try {
    pixels = await sharp(input, { failOn: 'error', limitInputPixels: limits.maxPixels, autoOrient: true })
      .flatten({ background: '#ffffff' })
      .resize({ width: limits.maxOutputWidth, height: limits.maxOutputHeight, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw notImage();
  }
  const raw = { width: pixels.info.width, height: pixels.info.height, channels: pixels.info.channels };

  // Quality steps down until it fits; then (rarely: very noisy pictures, tight limits) the size steps down by the
  // measured overshoot, never below the minimum size.
  const tooLarge = () =>
    new AppError(413, 'PHOTO.TOO_LARGE', { maxOutputBytes: limits.maxOutputBytes }, { max: `${Math.round(limits.maxOutputBytes / 1024)} KB` });
  let w = raw.width;
  let h = raw.height;
  let source = pixels.data;
  for (let attempt = 0; attempt < 5; attempt++) {
    let smallest = Number.POSITIVE_INFINITY;
    for (const quality of [88, 80, 70, 60, 50, 40]) {
      const jpeg = await sharp(source, { raw: { width: w, height: h, channels: raw.channels } })
        .jpeg({ quality, optimiseCoding: true })
        .toBuffer();
      if (jpeg.length <= limits.maxOutputBytes) return { jpeg, width: w, height: h };
      smallest = jpeg.length;
    }
    if (w <= limits.minWidth || h <= limits.minHeight) break;
    const factor = Math.min(0.9, Math.sqrt(limits.maxOutputBytes / smallest) * 0.95);
    const nw = Math.max(limits.minWidth, Math.floor(w * factor));
    const nh = Math.max(limits.minHeight, Math.round((nw * h) / w));
    source = await sharp(pixels.data, { raw }).resize({ width: nw, height: nh, fit: 'fill' }).raw().toBuffer();
    w = nw;
    h = nh;
  }
  throw tooLarge();
}
