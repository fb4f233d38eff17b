import type { Types } from 'mongoose';
import type { StartImageCheck } from '../content-check/image';
import * as store from '../media/photo-store';
import { ArticlePhotoModel } from './model';

/** Pictures of an article (media/photo-store.ts), attached by articleId, as cases/photos.ts does. */
const SPEC: store.PhotoSpec = { model: ArticlePhotoModel, parentField: 'articleId', kind: 'article_photo' };

export const storeArticlePhoto = (ownerId: string, data: Buffer | undefined, startCheck: StartImageCheck) =>
  store.storePhoto(SPEC, ownerId, data, startCheck);
export const checkArticlePhotos = (ownerId: Types.ObjectId, photoIds: readonly string[], articleId: Types.ObjectId | null) =>
  store.checkFreePhotos(SPEC, ownerId, photoIds, articleId);
export const attachArticlePhotos = (ownerId: Types.ObjectId, photoIds: readonly string[], articleId: Types.ObjectId) =>
  store.attachPhotos(SPEC, ownerId, photoIds, articleId);
export const readArticlePhoto = (articleId: Types.ObjectId, photoId: string, byPublisher: boolean) =>
  store.readStoredPhoto(SPEC, articleId, photoId, byPublisher);
export const articlePhotoChecks = (publisherId: Types.ObjectId, articleId: Types.ObjectId) =>
  store.photoChecks(SPEC, publisherId, articleId);
export const articlePhotoImages = store.photoImages(SPEC);
