import type { Types } from 'mongoose';
import type { StartImageCheck } from '../content-check/image';
import * as store from '../media/photo-store';
import { CasePhotoModel } from './model';

/** Photos of an application's documents (media/photo-store.ts), attached by caseId. */
const SPEC: store.PhotoSpec = { model: CasePhotoModel, parentField: 'caseId', kind: 'case_photo' };

export const storeCasePhoto = (ownerId: string, data: Buffer | undefined, startCheck: StartImageCheck) =>
  store.storePhoto(SPEC, ownerId, data, startCheck);
export const checkCasePhotos = (ownerId: Types.ObjectId, photoIds: readonly string[], caseId: Types.ObjectId | null) =>
  store.checkFreePhotos(SPEC, ownerId, photoIds, caseId);
export const attachCasePhotos = (ownerId: Types.ObjectId, photoIds: readonly string[], caseId: Types.ObjectId) =>
  store.attachPhotos(SPEC, ownerId, photoIds, caseId);
export const readCasePhoto = (caseId: Types.ObjectId, photoId: string, byApplicant: boolean) =>
  store.readStoredPhoto(SPEC, caseId, photoId, byApplicant);
export const casePhotoChecks = (applicantId: Types.ObjectId, caseId: Types.ObjectId) =>
  store.photoChecks(SPEC, applicantId, caseId);
export const casePhotoImages = store.photoImages(SPEC);
