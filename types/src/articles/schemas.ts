import { z } from '../zod';
import { text } from '../text';
import {
  ARTICLE_CATEGORIES,
  ARTICLE_PAGE,
  ARTICLE_TEXT_LENGTH,
  ARTICLE_TITLE_LENGTH,
  CLIENT_KEY_PATTERN,
  MAX_ARTICLE_PHOTOS,
} from '../constants';
import { ObjectId, PlaceCode, VillageCode } from '../roles';
import { ARTICLE_CATEGORY_LABELS } from '../labels';

/**
 * The legal-education feed (普法, issue 17 item 2): short articles published by county staff,
 * township staff and counsel to a county, a township or one village of their jurisdiction; the
 * villagers of a village read their village's feed (their village's, township's and county's
 * articles), each open is counted once per person, and a legal-literate resident may share an
 * article into their village's work group.
 */

export const ArticleCategory = z.enum(ARTICLE_CATEGORIES);
export type ArticleCategory = z.infer<typeof ArticleCategory>;
// every category has a label (the 'labels' namespace)
void (ARTICLE_CATEGORY_LABELS satisfies Record<ArticleCategory, string>);
export const ArticleScopeLevel = z.enum(['county', 'township', 'village']);
export type ArticleScopeLevel = z.infer<typeof ArticleScopeLevel>;

export const ArticleParams = z.object({ articleId: ObjectId }).strict();
export const ArticlePhotoParams = z.object({ articleId: ObjectId, photoId: ObjectId }).strict();
export const FeedParams = z.object({ villageCode: VillageCode }).strict();

/** A page: `cursor` is the previous page's `nextCursor` (opaque to clients). */
export const ArticlePageQuery = z
  .object({
    cursor: z
      .string()
      .regex(/^\d{13}_[a-f0-9]{24}$/, '分页标记格式不正确')
      .optional(),
    limit: z.coerce.number().int().min(1).max(ARTICLE_PAGE.max).default(ARTICLE_PAGE.default),
  })
  .strict();

export const ArticleScope = z.object({ level: ArticleScopeLevel, code: PlaceCode, name: z.string() }).openapi('ArticleScope');

/** An article as a list shows it. */
export const ArticleSummary = z
  .object({
    id: ObjectId,
    title: z.string(),
    /** the first characters of the text */
    excerpt: z.string(),
    category: ArticleCategory,
    scope: ArticleScope,
    publisherName: z.string(),
    publishedAt: z.string().datetime(),
    photoCount: z.number().int().min(0),
    /** 'withdrawn' only in the publisher's and staff's lists */
    status: z.enum(['published', 'withdrawn']),
    /** people who opened it (the publisher not counted): only for the publisher and staff above the scope, else null */
    reads: z.number().int().min(0).nullable(),
  })
  .openapi('ArticleSummary');
export type ArticleSummary = z.infer<typeof ArticleSummary>;

export const ArticlePhoto = z.object({ id: ObjectId, check: z.enum(['pending', 'pass', 'withdrawn']) });

export const Article = z
  .object({
    ...ArticleSummary.shape,
    text: z.string(),
    /** pictures others see once WeChat's check passed them; the publisher sees all with their check */
    photos: z.array(ArticlePhoto),
    withdrawnAt: z.string().datetime().nullable(),
    withdrawReason: z.string().nullable(),
    /** what the reader may do with it */
    canWithdraw: z.boolean(),
    /** a legal-literate resident of a village whose feed holds it: the village whose group it can be shared to */
    shareVillageCode: VillageCode.nullable(),
  })
  .openapi('Article');
export type Article = z.infer<typeof Article>;

export const ArticlePageReply = z
  .object({
    items: z.array(ArticleSummary),
    /** null on the last page */
    nextCursor: z.string().nullable(),
  })
  .openapi('ArticlePageReply');
export type ArticlePageReply = z.infer<typeof ArticlePageReply>;

export const PublishArticleBody = z
  .object({
    /** the phone's key for this article: a resend answers the first (200) */
    clientKey: z.string().regex(CLIENT_KEY_PATTERN, '客户端编号格式不正确'),
    title: text({ ...ARTICLE_TITLE_LENGTH, tooShort: `标题至少${ARTICLE_TITLE_LENGTH.min}个字` }),
    text: text({ ...ARTICLE_TEXT_LENGTH, tooShort: `正文至少${ARTICLE_TEXT_LENGTH.min}个字` }),
    category: ArticleCategory,
    /** a county, a township or a village inside the publisher's jurisdiction */
    scopeCode: z
      .string()
      .regex(/^(\d{6}|\d{9}|\d{12})$/, '发布范围应为县、乡镇或村的区划代码')
      .openapi({ example: '210921001001' }),
    photoIds: z.array(ObjectId).max(MAX_ARTICLE_PHOTOS, `最多${MAX_ARTICLE_PHOTOS}张图片`).optional(),
  })
  .strict()
  .openapi('PublishArticleBody');
export type PublishArticleBody = z.infer<typeof PublishArticleBody>;

export const WithdrawArticleBody = z
  .object({ reason: text({ min: 2, max: 200, tooShort: '请填写撤回原因' }) })
  .strict()
  .openapi('WithdrawArticleBody');
export type WithdrawArticleBody = z.infer<typeof WithdrawArticleBody>;

export const ShareArticleBody = z
  .object({ clientKey: z.string().regex(CLIENT_KEY_PATTERN, '客户端编号格式不正确') })
  .strict()
  .openapi('ShareArticleBody');
export type ShareArticleBody = z.infer<typeof ShareArticleBody>;

export const ShareArticleReply = z.object({ groupCode: VillageCode, seq: z.number().int().min(1) }).openapi('ShareArticleReply');
export type ShareArticleReply = z.infer<typeof ShareArticleReply>;
