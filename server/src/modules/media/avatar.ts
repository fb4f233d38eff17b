/**
 * A person's avatar (POST /api/me/avatar, from WeChat's chooseAvatar): stored pending, checked by
 * WeChat asynchronously (content-check/image.ts), and only then the avatar others see (users'
 * avatarUrl); until then others see the previous one or none.
 */
import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { MAX_PHOTO_BYTES, ROUTES, fillPath, type AvatarReply } from '@vc/types';
import { AppError } from '../../shared/errors';
import { sniffImageType } from './photo-store';
import type { ImageOwner, StartImageCheck } from '../content-check/image';
import { setAvatarUrl, userById } from '../users/queries';
import { AvatarModel } from './model';

const urlOf = (key: string) => fillPath(ROUTES.avatarImage.path, { key });

export async function uploadAvatar(userId: string, data: Buffer | undefined, startCheck: StartImageCheck): Promise<AvatarReply> {
  if (!data || data.length === 0) throw new AppError('PHOTO_REQUIRED');
  if (data.length > MAX_PHOTO_BYTES) throw new AppError('PHOTO_TOO_LARGE');
  const contentType = sniffImageType(data);
  if (!contentType) throw new AppError('PHOTO_TYPE_UNSUPPORTED');
  const user = await userById(userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  const key = randomBytes(32).toString('base64url');
  const doc = await AvatarModel.create({ ownerId: user._id, key, contentType, size: data.length, data, check: 'pending' });
  let state: 'pass' | 'pending';
  try {
    state = await startCheck({ kind: 'avatar', imageId: doc._id, owner: user });
  } catch (err) {
    await AvatarModel.deleteOne({ _id: doc._id });
    throw err;
  }
  if (state === 'pass') await passAvatar(doc._id);
  return { avatar: { url: urlOf(key), check: state } };
}

/** The avatar passed: it becomes the one others see; the person's earlier avatars are no longer needed. */
async function passAvatar(avatarId: Types.ObjectId): Promise<void> {
  const avatar = await AvatarModel.findById(avatarId, { data: 0 }).lean();
  if (!avatar) return;
  await AvatarModel.updateOne({ _id: avatarId }, { $set: { check: 'pass', checkReason: null } });
  await setAvatarUrl(avatar.ownerId, urlOf(avatar.key));
  await AvatarModel.deleteMany({ ownerId: avatar.ownerId, createdAt: { $lt: avatar.createdAt } });
}

/** An avatar by its link: pending ones too (only the uploader has the link yet), withdrawn ones to nobody. */
export async function avatarImage(key: string): Promise<{ contentType: string; data: Buffer; passed: boolean }> {
  const avatar = await AvatarModel.findOne({ key }).lean();
  if (!avatar || avatar.check === 'withdrawn') throw new AppError('MEDIA_NOT_FOUND');
  return {
    contentType: avatar.contentType,
    data: Buffer.from(avatar.data.buffer ?? avatar.data),
    passed: avatar.check === 'pass',
  };
}

/** What image checks need of avatars (content-check/image.ts). */
export const avatarImages: ImageOwner = {
  load: async (imageId) => {
    const avatar = await AvatarModel.findById(imageId).lean();
    return avatar ? { contentType: avatar.contentType, data: Buffer.from(avatar.data.buffer ?? avatar.data) } : null;
  },
  decide: async (imageId, state, reason) => {
    if (state === 'pass') return passAvatar(imageId);
    await AvatarModel.updateOne({ _id: imageId }, { $set: { check: state, checkReason: reason } });
  },
};

/** Account cancellation: the person's avatars are only theirs. */
export async function forgetAvatarsOf(ownerId: Types.ObjectId): Promise<number> {
  return (await AvatarModel.deleteMany({ ownerId })).deletedCount;
}

/** Withdrawn avatars older than `before` (the purge job; the verdict stays in image_checks). */
export async function purgeWithdrawnAvatars(before: Date): Promise<number> {
  return (await AvatarModel.deleteMany({ check: 'withdrawn', createdAt: { $lt: before } })).deletedCount;
}
