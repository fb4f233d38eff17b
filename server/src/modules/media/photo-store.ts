import { Types, type Model } from 'mongoose';
import { MAX_PHOTO_BYTES, MAX_PHOTOS, type PHOTO_TYPES } from '@vc/types';
import { AppError } from '../../shared/errors';
import { SCENE } from '../content-check/text';
import type { ImageKind, ImageOwner, ImageState, StartImageCheck } from '../content-check/image';
import { userById } from '../users/queries';

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

interface PhotoFields {
  _id: Types.ObjectId;
  ownerId: Types.ObjectId;
  contentType: string;
  data: Buffer & { buffer?: Buffer };
  check?: ImageState | null;
}

/**
 * Photos people send with something they ask (a consultation's question, a legal-aid application's
 * documents): uploaded first (unattached, visible to nobody), then attached to the thing they belong
 * to (`parentField`, e.g. consultationId) and seen by whoever may see it once WeChat's check passed
 * it; the uploader always sees their own. Each owning module keeps its own collection and passes
 * its `PhotoSpec` (plain functions, not a factory, so tools/contracts/handler-errors.ts can follow
 * each use to the codes it throws).
 */
export interface PhotoSpec {
  model: unknown;
  parentField: string;
  kind: ImageKind;
}

const photosOf = (spec: PhotoSpec) => spec.model as Model<PhotoFields & Record<string, unknown>>;
const idsOf = (photoIds: readonly string[]) => [...new Set(photoIds)].map((id) => new Types.ObjectId(id));

/** Stores the photo as pending and starts WeChat's check; a check that cannot start drops the photo. */
export async function storePhoto(
  spec: PhotoSpec,
  ownerId: string,
  data: Buffer | undefined,
  startCheck: StartImageCheck,
): Promise<{ photoId: string }> {
  const Photos = photosOf(spec);
  if (!data || data.length === 0) throw new AppError('PHOTO_REQUIRED');
  if (data.length > MAX_PHOTO_BYTES) throw new AppError('PHOTO_TOO_LARGE');
  const contentType = sniffImageType(data);
  if (!contentType) throw new AppError('PHOTO_TYPE_UNSUPPORTED');
  const ownerKey = new Types.ObjectId(ownerId);
  // unattached uploads are capped so a client cannot pile them up
  const loose = await Photos.countDocuments({ ownerId: ownerKey, [spec.parentField]: null });
  if (loose >= MAX_PHOTOS * 5) throw new AppError('PHOTO_TOO_MANY');
  const owner = await userById(ownerKey);
  if (!owner) throw new AppError('PHOTO_REQUIRED');
  const doc = await Photos.create({ ownerId: ownerKey, contentType, size: data.length, data, check: 'pending' });
  try {
    const state = await startCheck({ kind: spec.kind, imageId: doc._id, owner, scene: SCENE.comment });
    if (state === 'pass') await Photos.updateOne({ _id: doc._id }, { $set: { check: 'pass' } });
  } catch (err) {
    await Photos.deleteOne({ _id: doc._id });
    throw err;
  }
  return { photoId: String(doc._id) };
}

/** The photos are the owner's and free (or already on this parent, for a retry). */
export async function checkFreePhotos(
  spec: PhotoSpec,
  ownerId: Types.ObjectId,
  photoIds: readonly string[],
  parentId: Types.ObjectId | null,
) {
  if (photoIds.length === 0) return;
  const wanted = idsOf(photoIds);
  const found = await photosOf(spec)
    .find({ _id: { $in: wanted }, ownerId }, { [spec.parentField]: 1 })
    .lean();
  const usable = found.filter((p) => {
    const parent = p[spec.parentField] as Types.ObjectId | null;
    return !parent || (parentId && parent.equals(parentId));
  });
  if (usable.length !== wanted.length) throw new AppError('PHOTO_NOT_FOUND');
}

export async function attachPhotos(
  spec: PhotoSpec,
  ownerId: Types.ObjectId,
  photoIds: readonly string[],
  parentId: Types.ObjectId,
) {
  if (photoIds.length === 0) return;
  await photosOf(spec).updateMany(
    { _id: { $in: idsOf(photoIds) }, ownerId, [spec.parentField]: null },
    { $set: { [spec.parentField]: parentId } },
  );
}

/** A photo of the parent: its uploader reads it whatever its check; others only once it passed. */
export async function readStoredPhoto(spec: PhotoSpec, parentId: Types.ObjectId, photoId: string, byOwner: boolean) {
  const photo = await photosOf(spec)
    .findOne({ _id: new Types.ObjectId(photoId), [spec.parentField]: parentId })
    .lean();
  if (!photo || (!byOwner && (photo.check ?? 'pass') !== 'pass')) throw new AppError('PHOTO_NOT_FOUND');
  return { contentType: photo.contentType, data: Buffer.from(photo.data.buffer ?? photo.data) };
}

/** The check of each photo of the parent, one query by the (ownerId, parent) index; photos stored before checks read as passed. */
export async function photoChecks(
  spec: PhotoSpec,
  ownerId: Types.ObjectId,
  parentId: Types.ObjectId,
): Promise<Map<string, ImageState>> {
  const found = await photosOf(spec)
    .find({ ownerId, [spec.parentField]: parentId }, { check: 1 })
    .lean();
  return new Map(found.map((p) => [String(p._id), p.check ?? 'pass']));
}

/** What image checks need of these photos (content-check/image.ts). */
export const photoImages = (spec: PhotoSpec): ImageOwner => ({
  load: async (imageId) => {
    const photo = await photosOf(spec).findById(imageId).lean();
    return photo ? { contentType: photo.contentType, data: Buffer.from(photo.data.buffer ?? photo.data) } : null;
  },
  decide: async (imageId, state, reason) => {
    await photosOf(spec).updateOne({ _id: imageId }, { $set: { check: state, checkReason: reason } });
  },
});
