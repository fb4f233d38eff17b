import type { Types } from 'mongoose';
import type { StartImageCheck } from '../content-check/image';
import * as store from '../media/photo-store';
import { PhotoModel } from './model';

/** Photos sent with a question (media/photo-store.ts), attached by consultationId. */
const SPEC: store.PhotoSpec = { model: PhotoModel, parentField: 'consultationId', kind: 'consultation_photo' };

export const storePhoto = (ownerId: string, data: Buffer | undefined, startCheck: StartImageCheck) =>
  store.storePhoto(SPEC, ownerId, data, startCheck);
export const checkPhotos = (ownerId: Types.ObjectId, photoIds: readonly string[], consultationId: Types.ObjectId | null) =>
  store.checkFreePhotos(SPEC, ownerId, photoIds, consultationId);
export const attachPhotos = (ownerId: Types.ObjectId, photoIds: readonly string[], consultationId: Types.ObjectId) =>
  store.attachPhotos(SPEC, ownerId, photoIds, consultationId);
export const readPhoto = (consultationId: Types.ObjectId, photoId: string, byAsker: boolean) =>
  store.readStoredPhoto(SPEC, consultationId, photoId, byAsker);
export const photoChecksOf = (askerId: Types.ObjectId, consultationId: Types.ObjectId) =>
  store.photoChecks(SPEC, askerId, consultationId);
export const consultationPhotoImages = store.photoImages(SPEC);
