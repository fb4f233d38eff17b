import type { articlesRoutes } from '@vc/types';
import type { HandlerDeps } from '../../deps';
import { readPhotoUpload, replyWithFile, replyWithStatus, type Handlers } from '../../shared/http';
import { makeContentCheck } from '../content-check/text';
import { makeImageCheck } from '../content-check/image';
import { storeArticlePhoto } from './photos';
import * as articles from './service';

/** The legal-education feed (issue 17 item 2). */
export function articlesHandlers({ config, wechat, log }: HandlerDeps): Handlers<typeof articlesRoutes> {
  const check = makeContentCheck(config, wechat, log);
  const startImageCheck = makeImageCheck(config, wechat, log);
  return {
    publishArticle: async ({ principal, body, ctx }) => {
      const { article, created } = await articles.publish(principal, body, check);
      return replyWithStatus(ctx, article, created ? 201 : 200);
    },
    uploadArticlePhoto: async ({ principal, ctx }) =>
      storeArticlePhoto(principal.userId, await readPhotoUpload(ctx), startImageCheck),
    myArticles: ({ principal, query }) => articles.mine(principal, query.cursor, query.limit),
    villageFeed: ({ params, query }) => articles.villageFeed(params.villageCode, query.cursor, query.limit),
    article: ({ principal, params }) => articles.open(principal, params.articleId),
    articlePhoto: async ({ principal, params, ctx }) => {
      const { contentType, data } = await articles.photo(principal, params.articleId, params.photoId);
      return replyWithFile(ctx, { body: data, contentType, cacheControl: 'private, max-age=86400' });
    },
    withdrawArticle: ({ principal, params, body }) => articles.withdraw(principal, params.articleId, body.reason),
    shareArticle: async ({ principal, params, body, ctx }) => {
      const { reply, created } = await articles.share(principal, params.articleId, body.clientKey);
      return replyWithStatus(ctx, reply, created ? 201 : 200);
    },
  };
}
