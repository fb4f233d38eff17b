/**
 * A profile photo as uploaded → what is stored: at most 5 MB in, the type read from the bytes (not
 * the file name or the declared type), fully decoded by sharp (a file that only starts like an image,
 * or is cut short, is refused: sharp's default failOn 'warning'), turned upright by its EXIF
 * orientation, resized to fit 480 × 960 and stored as JPEG, which also drops its metadata (GPS
 * position, camera).
 */
import sharp from 'sharp';
import { MAX_PROFILE_PHOTO_BYTES, PROFILE_PHOTO_MAX_HEIGHT, PROFILE_PHOTO_MAX_WIDTH } from '@vc/types';
import { AppError } from '../../shared/errors';
import { sniffImageType } from '../media/photo-store';

/** Decompression bombs: a small file may claim a huge picture; no phone photo is larger than this. */
const MAX_INPUT_PIXELS = 50_000_000;
const JPEG_QUALITY = 82;

export interface PreparedPhoto {
  data: Buffer;
  contentType: 'image/jpeg';
  width: number;
  height: number;
}

export async function preparePhoto(upload: Buffer | undefined): Promise<PreparedPhoto> {
  if (!upload || upload.length === 0) throw new AppError('PHOTO_REQUIRED');
  if (upload.length > MAX_PROFILE_PHOTO_BYTES) throw new AppError('PROFILE_PHOTO_TOO_LARGE');
  // only JPEG, PNG and WebP reach the decoder (not SVG, TIFF, HEIF … that sharp would also read)
  if (!sniffImageType(upload)) throw new AppError('PHOTO_TYPE_UNSUPPORTED');
  try {
    const { data, info } = await sharp(upload, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ width: PROFILE_PHOTO_MAX_WIDTH, height: PROFILE_PHOTO_MAX_HEIGHT, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { data, contentType: 'image/jpeg', width: info.width, height: info.height };
  } catch {
    // not decodable: truncated, corrupt, or bytes that only start like an image
    throw new AppError('PROFILE_PHOTO_UNREADABLE');
  }
}
