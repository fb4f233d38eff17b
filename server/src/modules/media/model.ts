import { Schema, model } from 'mongoose';
import type { Stored } from '../../store/documents';
import { IMAGE_CHECK_STATES } from '@vc/types';

/**
 * Avatars (issue 13 item 6, chooseAvatar). `key` is the unguessable part of the avatar's link: the
 * uploader gets it at once (and sees a pending avatar), others only once WeChat's check passed it
 * (users.avatarUrl). A withdrawn avatar is served to nobody.
 */
const avatarFields = {
  ownerId: { type: Schema.Types.ObjectId, required: true },
  key: { type: String, required: true },
  contentType: { type: String, required: true },
  size: { type: Number, required: true },
  data: { type: Buffer, required: true },
  check: { type: String, enum: IMAGE_CHECK_STATES, required: true },
  checkReason: { type: String, default: null },
  createdAt: { type: Date, default: () => new Date() },
};
const avatarSchema = new Schema(avatarFields, { collection: 'avatars', versionKey: false });
avatarSchema.index({ key: 1 }, { unique: true });
avatarSchema.index({ ownerId: 1 });
avatarSchema.index({ check: 1 });
export const AvatarModel = model('Avatar', avatarSchema);
export type AvatarDoc = Stored<typeof avatarFields>;
