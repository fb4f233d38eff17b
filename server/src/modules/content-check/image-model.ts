import { Schema, model } from 'mongoose';
import type { Stored } from '../../store/documents';
import { IMAGE_CHECK_STATES, IMAGE_KINDS } from '@vc/types';

/**
 * One asynchronous check of a user image by WeChat (media_check_async, content-check/image.ts).
 * `token` is the secret of the link WeChat fetches the image by; `traceId` names the check in
 * WeChat's push. The verdict and why are kept for the moderators (a moderation decision: never
 * deleted; the image itself lives with its owner module and is purged there).
 */
const imageCheckFields = {
  kind: { type: String, enum: IMAGE_KINDS, required: true },
  imageId: { type: Schema.Types.ObjectId, required: true },
  ownerId: { type: Schema.Types.ObjectId, required: true },
  /** the uploader's village (or other place) when known, and its township: whose moderators see a withdrawal */
  placeCode: { type: String, default: null },
  townshipCode: { type: String, default: null },
  token: { type: String, required: true },
  traceId: { type: String, default: null },
  status: { type: String, enum: IMAGE_CHECK_STATES, required: true },
  suggest: { type: String, default: null },
  label: { type: String, default: null },
  reason: { type: String, default: null },
  createdAt: { type: Date, default: () => new Date() },
  decidedAt: { type: Date, default: null },
};
const imageCheckSchema = new Schema(imageCheckFields, { collection: 'image_checks', versionKey: false });
imageCheckSchema.index({ token: 1 }, { unique: true });
imageCheckSchema.index({ traceId: 1 });
imageCheckSchema.index({ townshipCode: 1, status: 1, decidedAt: -1 });
imageCheckSchema.index({ ownerId: 1 });
export const ImageCheckModel = model('ImageCheck', imageCheckSchema);
export type ImageCheckDoc = Stored<typeof imageCheckFields>;
