/**
 * Choosing photos to upload, for every picker of the app (a consultation's photos, a counsel's
 * portrait): each photo is compressed on the phone, then its size checked at once, so a photo that
 * is still too large is named when chosen rather than refused by the server after 提交 (issue 14
 * item 6). A slow village connection also sends a fraction of the bytes.
 *
 * - weapp: wx.getImageInfo (its size in px), wx.compressImage (JPEG at quality 80, the long side
 *   brought down to LONG_SIDE px; compressedWidth/Height need base library 2.26, older ones only
 *   apply the quality), then wx.getFileInfo for the compressed file's bytes.
 * - H5: Taro's H5 build has no compressImage (@tarojs/taro-h5 answers "temporarily not supported"),
 *   so the chosen file is drawn on a canvas at most LONG_SIDE px long and encoded as JPEG at 0.8
 *   (canvas.toBlob); the upload then sends that blob (Taro's uploadFile reads blob: URLs).
 * Either way the smaller of the original and the compressed file is kept, and a photo that cannot
 * be compressed (an older phone, a format the canvas cannot read) goes as chosen.
 */
import Taro from '@tarojs/taro';
import { t } from './i18n';
import { isPrivacyRefusal } from './privacy';

/** the long side of a compressed photo, px: a document photographed at this size stays legible */
export const LONG_SIDE = 1920;
const QUALITY = 80;

export interface ChosenPhoto {
  /** local path to upload and show (a temp file in weapp, a blob: URL in H5) */
  path: string;
  bytes: number;
  /** bytes as chosen, before compression */
  originalBytes: number;
}

export interface PhotoChoice {
  photos: ChosenPhoto[];
  /** the person refused WeChat's privacy guide for choosing photos (the pop-up asks again next time) */
  refused: boolean;
  /** what to tell when some photos were left out as too large, naming them; null when none was */
  tooLarge: string | null;
}

const mb = (bytes: number) => {
  const v = bytes / 1024 / 1024;
  return `${Number.isInteger(v) ? v : v.toFixed(1)}MB`;
};

/** The long side brought down to LONG_SIDE, the other in proportion; null when already within it. */
export function scaledSize(width: number, height: number): { width: number; height: number } | null {
  const long = Math.max(width, height);
  if (!(long > LONG_SIDE)) return null;
  const k = LONG_SIDE / long;
  return { width: Math.round(width * k), height: Math.round(height * k) };
}

/**
 * The message naming the photos left out: "第2张" counts in the order they were chosen this time;
 * H5 adds the file's name, which the person sees in the file chooser.
 */
export function tooLargeMessage(left: { index: number; name?: string; bytes: number }[], maxBytes: number): string | null {
  if (!left.length) return null;
  const which = left
    .map((p) =>
      p.name
        ? t('common:photos.tooLargeItemNamed', { n: p.index + 1, name: p.name, size: mb(p.bytes) })
        : t('common:photos.tooLargeItem', { n: p.index + 1, size: mb(p.bytes) }),
    )
    .join(t('common:photos.separator'));
  const key = left.length === 1 ? 'common:photos.tooLargeOne' : 'common:photos.tooLargeMany';
  return t(key, { which, max: mb(maxBytes) });
}

async function compressWeapp(path: string, bytes: number): Promise<{ path: string; bytes: number }> {
  try {
    const info = await Taro.getImageInfo({ src: path });
    const size = scaledSize(info.width, info.height);
    const res = await Taro.compressImage({
      src: path,
      quality: QUALITY,
      ...(size ? { compressedWidth: size.width, compressedHeight: size.height } : {}),
    });
    const file = await Taro.getFileInfo({ filePath: res.tempFilePath });
    const compressed = 'size' in file ? file.size : Infinity;
    return compressed < bytes ? { path: res.tempFilePath, bytes: compressed } : { path, bytes };
  } catch {
    return { path, bytes }; // not compressible here: sent as chosen, its size still checked
  }
}

async function compressH5(path: string, file: File | undefined, bytes: number): Promise<{ path: string; bytes: number }> {
  try {
    const image = await new Promise<HTMLImageElement>((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = () => reject(new Error('image'));
      img.src = path;
    });
    const size = scaledSize(image.naturalWidth, image.naturalHeight) ?? {
      width: image.naturalWidth,
      height: image.naturalHeight,
    };
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return { path, bytes };
    // JPEG has no transparency: a white ground, not black, under a transparent PNG
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size.width, size.height);
    ctx.drawImage(image, 0, 0, size.width, size.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY / 100));
    if (!blob || blob.size >= bytes) return { path, bytes };
    const name = (file?.name ?? 'photo').replace(/\.[^.]*$/, '') + '.jpg';
    // a File keeps a name for the multipart part (Taro's uploadFile takes the blob's name)
    const compressed = typeof File === 'function' ? new File([blob], name, { type: 'image/jpeg' }) : blob;
    return { path: URL.createObjectURL(compressed), bytes: blob.size };
  } catch {
    return { path, bytes };
  }
}

/**
 * Picks up to `count` photos from the album or camera, compresses each and keeps those within
 * `maxBytes`; the others are named in `tooLarge`. Cancelling picks nothing.
 */
export async function choosePhotos(count: number, maxBytes: number): Promise<PhotoChoice> {
  if (count <= 0) return { photos: [], refused: false, tooLarge: null };
  let chosen: Taro.chooseImage.SuccessCallbackResult;
  try {
    chosen = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  } catch (e) {
    return { photos: [], refused: isPrivacyRefusal(e), tooLarge: null }; // else cancelled
  }
  const files = (chosen.tempFiles ?? []).slice(0, count);
  const photos: ChosenPhoto[] = [];
  const left: { index: number; name?: string; bytes: number }[] = [];
  for (const [index, f] of files.entries()) {
    const original = (f as { originalFileObj?: File }).originalFileObj;
    const done = process.env.TARO_ENV === 'h5' ? await compressH5(f.path, original, f.size) : await compressWeapp(f.path, f.size);
    if (done.bytes > maxBytes) left.push({ index, name: original?.name, bytes: done.bytes });
    else photos.push({ ...done, originalBytes: f.size });
  }
  return { photos, refused: false, tooLarge: tooLargeMessage(left, maxBytes) };
}
