import { Schema, model } from 'mongoose';
import { ARTICLE_CATEGORIES, IMAGE_CHECK_STATES } from '@vc/types';
import type { Stored } from '../../store/documents';

/**
 * A legal-education article (issue 17 item 2). `scopeCode` is the county, township or village it
 * is published to: a village's feed reads its three scopes by that equality (indexed, with the
 * status). (publisherId, clientKey) is unique, so a resent publish answers the first. The
 * publisher's name and role are copied, as on group messages, so lists need no lookup of people.
 */
const articleFields = {
  publisherId: { type: Schema.Types.ObjectId, required: true },
  publisherName: { type: String, required: true },
  clientKey: { type: String, required: true },
  title: { type: String, required: true },
  text: { type: String, required: true },
  category: { type: String, enum: ARTICLE_CATEGORIES, required: true },
  scopeCode: { type: String, required: true },
  countyCode: { type: String, required: true },
  photoIds: { type: [Schema.Types.ObjectId], default: [] },
  status: { type: String, enum: ['published', 'withdrawn'] as const, default: 'published' },
  publishedAt: { type: Date, required: true },
  withdrawnAt: { type: Date, default: null },
  withdrawnBy: { type: Schema.Types.ObjectId, default: null },
  withdrawReason: { type: String, default: null },
};
const articleSchema = new Schema(articleFields, { collection: 'articles', versionKey: false });
articleSchema.index({ scopeCode: 1, status: 1 });
articleSchema.index({ publisherId: 1, clientKey: 1 }, { unique: true });
export const ArticleModel = model('Article', articleSchema);
export type ArticleDoc = Stored<typeof articleFields>;

/**
 * One person's first open of an article: (articleId, userId) is unique, so opening again, or twice
 * at once, counts once (store/README.md rule 4). The publisher is copied so their list counts the
 * reads of a page of their articles by one indexed equality.
 */
const readFields = {
  articleId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  publisherId: { type: Schema.Types.ObjectId, required: true },
  at: { type: Date, required: true },
};
const readSchema = new Schema(readFields, { collection: 'article_reads', versionKey: false });
readSchema.index({ articleId: 1, userId: 1 }, { unique: true });
readSchema.index({ articleId: 1 });
readSchema.index({ publisherId: 1 });
export const ArticleReadModel = model('ArticleRead', readSchema);
export type ArticleReadDoc = Stored<typeof readFields>;

/** Pictures of an article (media/photo-store.ts): uploaded first, attached on publishing, shown once WeChat's check passed them. */
const photoSchema = new Schema(
  {
    ownerId: { type: Schema.Types.ObjectId, required: true },
    articleId: { type: Schema.Types.ObjectId, default: null },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    data: { type: Buffer, required: true },
    createdAt: { type: Date, default: () => new Date() },
    check: { type: String, enum: IMAGE_CHECK_STATES, default: 'pending' },
    checkReason: { type: String, default: null },
  },
  { collection: 'article_photos', versionKey: false },
);
photoSchema.index({ ownerId: 1, articleId: 1 });
export const ArticlePhotoModel = model('ArticlePhoto', photoSchema);
