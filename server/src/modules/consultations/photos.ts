import { Types } from 'mongoose';
import { MAX_PHOTO_BYTES, MAX_PHOTOS, type PHOTO_TYPES } from '@vc/types';
import { AppError } from '../../shared/errors';
import { SCENE } from '../content-check/text';
import type { ImageOwner, ImageState, StartImageCheck } from '../content-check/image';
import { userById } from '../users/queries';
import { PhotoModel } from './model';

type PhotoType = (typeof PHOTO_TYPES)[number];

/** The type from the file's first bytes; the declared content type is not trusted. */
export function sniffImageType(data: Buffer): PhotoType | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  return null;
}

/** Stores the photo as pending and starts WeChat's check; a check that cannot start drops the photo. */
export async function storePhoto(
  ownerId: string,
  data: Buffer | undefined,
  startCheck: StartImageCheck,
): Promise<{ photoId: string }> {
  if (!data || data.length === 0) throw new AppError('PHOTO_REQUIRED');
  if (data.length > MAX_PHOTO_BYTES) throw new AppError('PHOTO_TOO_LARGE');
  const contentType = sniffImageType(data);
  if (!contentType) throw new AppError('PHOTO_TYPE_UNSUPPORTED');
  const ownerKey = new Types.ObjectId(ownerId);
  // unattached uploads are capped so a client cannot pile them up
  const loose = await PhotoModel.countDocuments({ ownerId: ownerKey, consultationId: null });
  if (loose >= MAX_PHOTOS * 5) throw new AppError('PHOTO_TOO_MANY');
  const owner = await userById(ownerKey);
  if (!owner) throw new AppError('PHOTO_REQUIRED');
  const doc = await PhotoModel.create({ ownerId: ownerKey, contentType, size: data.length, data, check: 'pending' });
  try {
    const state = await startCheck({ kind: 'consultation_photo', imageId: doc._id, owner, scene: SCENE.comment });
    if (state === 'pass') await PhotoModel.updateOne({ _id: doc._id }, { $set: { check: 'pass' } });
  } catch (err) {
    await PhotoModel.deleteOne({ _id: doc._id });
    throw err;
  }
  return { photoId: String(doc._id) };
}

/** Checks that the photos are the asker's and free (or already on this consultation, for a retry). */
export async function checkPhotos(ownerId: Types.ObjectId, photoIds: readonly string[], consultationId: Types.ObjectId | null) {
  if (photoIds.length === 0) return;
  const unique = [...new Set(photoIds)];
  const found = await PhotoModel.find(
    { _id: { $in: unique.map((id) => new Types.ObjectId(id)) }, ownerId },
    { consultationId: 1 },
  ).lean();
  const usable = found.filter((p) => !p.consultationId || (consultationId && p.consultationId.equals(consultationId)));
  if (usable.length !== unique.length) throw new AppError('PHOTO_NOT_FOUND');
}

export async function attachPhotos(ownerId: Types.ObjectId, photoIds: readonly string[], consultationId: Types.ObjectId) {
  if (photoIds.length === 0) return;
  await PhotoModel.updateMany(
    { _id: { $in: photoIds.map((id) => new Types.ObjectId(id)) }, ownerId, consultationId: null },
    { $set: { consultationId } },
  );
}

/** A photo of the consultation: the asker reads their own whatever its check; others only once it passed. */
export async function readPhoto(consultationId: Types.ObjectId, photoId: string, byAsker: boolean) {
  const photo = await PhotoModel.findOne({ _id: new Types.ObjectId(photoId), consultationId }).lean();
  if (!photo || (!byAsker && (photo.check ?? 'pass') !== 'pass')) throw new AppError('PHOTO_NOT_FOUND');
  return { contentType: photo.contentType, data: Buffer.from(photo.data.buffer ?? photo.data) };
}

/**
 * The check of each photo of a consultation, one query by the (ownerId, consultationId) index;
 * photos stored before checks read as passed.
 */
export async function photoChecksOf(askerId: Types.ObjectId, consultationId: Types.ObjectId): Promise<Map<string, ImageState>> {
  const states = new Map<string, ImageState>();
  const found = await PhotoModel.find({ ownerId: askerId, consultationId }, { check: 1 }).lean();
  for (const p of found) states.set(String(p._id), p.check ?? 'pass');
  return states;
}

/** What image checks need of consultation photos (content-check/image.ts). */
export const consultationPhotoImages: ImageOwner = {
  load: async (imageId) => {
    const photo = await PhotoModel.findById(imageId).lean();
    return photo ? { contentType: photo.contentType, data: Buffer.from(photo.data.buffer ?? photo.data) } : null;
  },
  decide: async (imageId, state, reason) => {
    await PhotoModel.updateOne({ _id: imageId }, { $set: { check: state, checkReason: reason } });
  },
};
