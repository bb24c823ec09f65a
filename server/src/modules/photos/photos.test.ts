import { idCardCheckChar } from '@skillcert/shared/validators/id-card';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.ts';
import { DEFAULT_PHOTO_LIMITS, normalisePhoto, sniffPhotoFormat } from './photos.image.ts';
import { zipSync } from 'fflate';
import { rawZip, zeroBomb } from '../../../test/helpers/zip-bombs.ts';
import { PHOTO_ZIP_LIMITS, isUnsafeZipPath, photosFromZip, readPhotoZip } from './photos.zip.ts';

/** A real photo-like image: smooth colour gradient plus noise (noise makes JPEG large, like a real photo). */
async function image(width: number, height: number, format: 'jpeg' | 'png', opts: { noise?: number; alpha?: boolean; quality?: number } = {}): Promise<Buffer> {
  const channels = opts.alpha ? 4 : 3;
  const raw = Buffer.alloc(width * height * channels);
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      const n = (opts.noise ?? 10) * (rnd() - 0.5);
      raw[i] = Math.max(0, Math.min(255, (x * 255) / width + n));
      raw[i + 1] = Math.max(0, Math.min(255, (y * 255) / height + n));
      raw[i + 2] = Math.max(0, Math.min(255, 128 + n));
      if (opts.alpha) raw[i + 3] = x < width / 2 ? 0 : 255;
    }
  }
  const s = sharp(raw, { raw: { width, height, channels } });
  return format === 'jpeg' ? s.jpeg({ quality: opts.quality ?? 90 }).toBuffer() : s.png().toBuffer();
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

const id = (body17: string) => body17 + idCardCheckChar(body17);

describe('normalisePhoto', () => {
  it('accepts a one-inch JPEG and a PNG, returning our own JPEG within the limits', async () => {
    for (const input of [await image(295, 413, 'jpeg'), await image(354, 496, 'png')]) {
      const out = await normalisePhoto(input, DEFAULT_PHOTO_LIMITS);
      expect(sniffPhotoFormat(out.jpeg)).toBe('jpeg');
      expect(out.jpeg.length).toBeLessThanOrEqual(200 * 1024);
      const meta = await sharp(out.jpeg).metadata();
      expect([meta.width, meta.height]).toEqual([out.width, out.height]);
      expect(out.width).toBeGreaterThanOrEqual(295);
    }
  });

  it('re-encodes a large, noisy photo (several MB) to ≤ 200 KB, scaled into the output box', async () => {
    const big = await image(1200, 1680, 'jpeg', { noise: 120, quality: 98 });
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const out = await normalisePhoto(big, DEFAULT_PHOTO_LIMITS);
    expect(out.jpeg.length).toBeLessThanOrEqual(200 * 1024);
    expect(out.width).toBeLessThanOrEqual(590);
    expect(out.height).toBeLessThanOrEqual(826);
    expect(out.width).toBeGreaterThanOrEqual(295);
    expect(out.height).toBeGreaterThanOrEqual(413);
  });

  it('steps the quality (and if need be the size) down until a tight byte limit is met', async () => {
    const noisy = await image(590, 826, 'png', { noise: 255 });
    const out = await normalisePhoto(noisy, { ...DEFAULT_PHOTO_LIMITS, maxOutputBytes: 40 * 1024 });
    expect(out.jpeg.length).toBeLessThanOrEqual(40 * 1024);
    expect(out.width).toBeLessThan(590); // the size had to step down too
    expect(out.height).toBeGreaterThanOrEqual(413);
  });

  it('strips metadata and applies EXIF orientation (a landscape file tagged "rotate 90°" is a portrait photo)', async () => {
    const tagged = await sharp(await image(413, 295, 'jpeg'))
      .withExif({ IFD0: { Copyright: 'SECRET-OWNER', Artist: 'GPS-SOMEWHERE' } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    expect(tagged.toString('latin1')).toContain('SECRET-OWNER');
    const out = await normalisePhoto(tagged, DEFAULT_PHOTO_LIMITS);
    expect([out.width, out.height]).toEqual([295, 413]);
    const meta = await sharp(out.jpeg).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(out.jpeg.toString('latin1')).not.toContain('SECRET-OWNER');
  });

  it('flattens a transparent PNG on white', async () => {
    const out = await normalisePhoto(await image(295, 413, 'png', { alpha: true, noise: 0 }), DEFAULT_PHOTO_LIMITS);
    const { data, info } = await sharp(out.jpeg).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(3);
    const px = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    for (const c of px(10, 200)) expect(c).toBeGreaterThan(245);
  });

  it('PHOTO.NOT_IMAGE: text, PDF, GIF, a JPEG header with garbage, a truncated JPEG — by content, not by name', async () => {
    const jpeg = await image(295, 413, 'jpeg');
    const gif = Buffer.from('474946383961010001008000000000ffffff21f90401000000002c00000000010001000002024401003b', 'hex');
    const cases = [
      Buffer.from('110101199003077777'),
      Buffer.from('%PDF-1.4\n...'),
      gif,
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]),
      jpeg.subarray(0, Math.floor(jpeg.length / 2)),
      Buffer.alloc(0),
    ];
    for (const c of cases) expect(await code(normalisePhoto(c, DEFAULT_PHOTO_LIMITS))).toBe('PHOTO.NOT_IMAGE');
  });

  it('PHOTO.TOO_SMALL below 295×413 (after orientation)', async () => {
    expect(await code(normalisePhoto(await image(200, 280, 'jpeg'), DEFAULT_PHOTO_LIMITS))).toBe('PHOTO.TOO_SMALL');
    expect(await code(normalisePhoto(await image(294, 412, 'png'), DEFAULT_PHOTO_LIMITS))).toBe('PHOTO.TOO_SMALL');
  });

  it('PHOTO.BAD_RATIO outside ±5 % of 295:413; inside it is accepted', async () => {
    expect(await code(normalisePhoto(await image(413, 413, 'jpeg'), DEFAULT_PHOTO_LIMITS))).toBe('PHOTO.BAD_RATIO');
    expect(await code(normalisePhoto(await image(826, 590, 'jpeg'), DEFAULT_PHOTO_LIMITS))).toBe('PHOTO.BAD_RATIO'); // landscape
    expect(await code(normalisePhoto(await image(340, 413, 'jpeg'), DEFAULT_PHOTO_LIMITS))).toBe('PHOTO.BAD_RATIO'); // +15 %
    expect(await code(normalisePhoto(await image(305, 413, 'jpeg'), DEFAULT_PHOTO_LIMITS))).toBe('accepted'); // +3.4 %
    expect(await code(normalisePhoto(await image(295, 430, 'jpeg'), DEFAULT_PHOTO_LIMITS))).toBe('accepted'); // −4 %
  });

  it('PHOTO.TOO_LARGE: 20 MB refused before decoding; a pixel count above the limit refused from the header', async () => {
    const huge = new Uint8Array(20 * 1024 * 1024);
    huge.set([0xff, 0xd8, 0xff]);
    const t = Date.now();
    expect(await code(normalisePhoto(huge, DEFAULT_PHOTO_LIMITS))).toBe('PHOTO.TOO_LARGE');
    expect(Date.now() - t).toBeLessThan(500);
    expect(await code(normalisePhoto(await image(1000, 1400, 'png'), { ...DEFAULT_PHOTO_LIMITS, maxPixels: 1_000_000 }))).toBe('PHOTO.TOO_LARGE');
  });

  it('errors carry the limits for the message', async () => {
    try {
      await normalisePhoto(await image(200, 280, 'jpeg'), DEFAULT_PHOTO_LIMITS);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(422);
      expect((e as AppError).params).toEqual({ width: 200, height: 280, minWidth: 295, minHeight: 413 });
    }
  });
});

describe('photosFromZip: files named by ID number', () => {
  it('reports every file: valid ones normalised, each bad one with its reason', async () => {
    const good = await image(295, 413, 'jpeg');
    const goodPng = await image(295, 413, 'png');
    const a = id('11010119900307777');
    const b = id('31010420050101002');
    const c = id('35020320061231004');
    const dup = id('44030520040229001');
    const badCheck = a.slice(0, 17) + (a.endsWith('0') ? '1' : '0');
    const report = await photosFromZip(
      [
        { path: `2024级/机电1班/${a}.JPG`, data: good },
        { path: `${b.slice(0, 17)}${b.slice(17).toLowerCase()}.png`, data: goodPng },
        { path: `../${c}.jpg`, data: good },
        { path: `/tmp/${c}.jpg`, data: good },
        { path: `x\\${c}.jpg`, data: good },
        { path: 'C:/photos/x.jpg', data: good },
        { path: '张三.jpg', data: good },
        { path: `${a}.gif`, data: good },
        { path: `${badCheck}.jpg`, data: good },
        { path: `a/${dup}.jpg`, data: good },
        { path: `b/${dup}.jpeg`, data: good },
        { path: `${c}.jpg`, data: Buffer.from('not a picture') },
        { path: '__MACOSX/2024级/._x.jpg', data: good },
        { path: '2024级/', data: new Uint8Array() },
        { path: '2024级/.DS_Store', data: new Uint8Array(10) },
      ],
      DEFAULT_PHOTO_LIMITS,
    );
    const summary = report.files.map((f) => [f.path, f.ok ? 'ok' : f.reason]);
    expect(summary).toEqual([
      [`2024级/机电1班/${a}.JPG`, 'ok'],
      [`${b.slice(0, 17)}${b.slice(17).toLowerCase()}.png`, 'ok'],
      [`../${c}.jpg`, 'unsafe_path'],
      [`/tmp/${c}.jpg`, 'unsafe_path'],
      [`x\\${c}.jpg`, 'unsafe_path'],
      ['C:/photos/x.jpg', 'unsafe_path'],
      ['张三.jpg', 'not_id_name'],
      [`${a}.gif`, 'not_photo_file'],
      [`${badCheck}.jpg`, 'bad_id'],
      [`a/${dup}.jpg`, 'duplicate'],
      [`b/${dup}.jpeg`, 'duplicate'],
      [`${c}.jpg`, 'not_image'],
    ]);
    expect(report.accepted).toBe(2);
    expect(report.refused).toBe(10);
    expect(report.skipped).toEqual(['__MACOSX/2024级/._x.jpg', '2024级/', '2024级/.DS_Store']);
    const first = report.files[0];
    expect(first?.ok && first.idNumber).toBe(a);
    const second = report.files[1];
    expect(second?.ok && second.idNumber).toBe(b.toUpperCase());
    expect(second?.ok && sniffPhotoFormat(second.photo.jpeg)).toBe('jpeg');
    const bad = report.files[8];
    expect(bad && !bad.ok && [bad.code, bad.idFailure]).toEqual(['PHOTO.ZIP_BAD_ID', 'check_digit']);
    const notImage = report.files[11];
    expect(notImage && !notImage.ok && notImage.code).toBe('PHOTO.NOT_IMAGE');
  });

  it('image problems carry their code and params (too small, bad ratio)', async () => {
    const a = id('11010119900307777');
    const b = id('31010420050101002');
    const report = await photosFromZip(
      [
        { path: `${a}.jpg`, data: await image(100, 140, 'jpeg') },
        { path: `${b}.jpg`, data: await image(413, 413, 'jpeg') },
      ],
      DEFAULT_PHOTO_LIMITS,
    );
    expect(report.files.map((f) => (f.ok ? 'ok' : [f.reason, f.code, f.params?.width]))).toEqual([
      ['too_small', 'PHOTO.TOO_SMALL', 100],
      ['bad_ratio', 'PHOTO.BAD_RATIO', 413],
    ]);
  });

  it('unsafe paths', () => {
    for (const p of ['../a.jpg', 'a/../../b.jpg', '/a.jpg', 'a\\b.jpg', 'D:\\a.jpg', 'c:a.jpg', 'a\0.jpg']) expect(isUnsafeZipPath(p), p).toBe(true);
    for (const p of ['a.jpg', 'a/b/c.jpg', 'a..b.jpg', '..a/b.jpg']) expect(isUnsafeZipPath(p), p).toBe(false);
  });
});

describe('readPhotoZip: a real ZIP through the archive reader', () => {
  it('reports each file of an uploaded ZIP, hostile names included', async () => {
    const a = id('11010119900307777');
    const good = await image(295, 413, 'jpeg');
    const zip = rawZip([
      { name: `照片/${a}.jpg`, method: 0, data: good, declaredSize: good.length, flags: 0x800 },
      { name: '../../etc/cron.d/x.jpg', method: 0, data: good, declaredSize: good.length },
      { name: 'C:\\Windows\\x.jpg', method: 0, data: good, declaredSize: good.length },
    ]);
    const read = await readPhotoZip(zip);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.report.files.map((f) => [f.path, f.ok ? 'ok' : f.reason])).toEqual([
      [`照片/${a}.jpg`, 'ok'],
      ['../../etc/cron.d/x.jpg', 'unsafe_path'],
      ['C:\\Windows\\x.jpg', 'unsafe_path'],
    ]);
  });

  it('a zip bomb is refused as a whole, naming the limit, before any photo is looked at', async () => {
    const bomb = rawZip([{ name: '110101199003077777.jpg', method: 8, data: zeroBomb(64), declaredSize: 1000 }]);
    const read = await readPhotoZip(bomb);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(['entry', 'ratio', 'total']).toContain(read.refusal.reason);
  });

  it('fflate-made ZIP with folders: folders skipped, photos read', async () => {
    const a = id('11010119900307777');
    const zip = zipSync({ '2024级/': {}, [`2024级/${a}.PNG`]: [new Uint8Array(await image(295, 413, 'png')), { level: 6 }] });
    const read = await readPhotoZip(zip, DEFAULT_PHOTO_LIMITS, PHOTO_ZIP_LIMITS);
    expect(read.ok && read.report.accepted).toBe(1);
  });
});
