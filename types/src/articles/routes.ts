import { z } from '../zod';
import { defineRoutes } from '../route';
import { EmptyQuery } from '../common';
import { MAX_PHOTO_BYTES } from '../constants';
import { ROLES } from '../roles';
import { PHOTO_TYPES, PhotoUploadReply } from '../consultations/schemas';
import {
  Article,
  ArticlePageQuery,
  ArticlePageReply,
  ArticleParams,
  ArticlePhotoParams,
  FeedParams,
  PublishArticleBody,
  ShareArticleBody,
  ShareArticleReply,
  WithdrawArticleBody,
} from './schemas';

/** Who publishes: which places each may publish to is the articles policy's (server/src/modules/articles/policy.ts). */
const publishers = ['counsel', 'township_staff', 'county_staff', 'admin'] as const;
/** Who reads a village's feed: its people (any role held there) and the staff and counsel above it: every role. */
const feedReaders = ROLES;

/**
 * The legal-education feed (普法, issue 17 item 2). An article is open to the people of the
 * places its scope covers and to the staff above it; its reads are counted once per person and
 * shown only to the publisher and staff above the scope.
 */
export const articlesRoutes = defineRoutes({
  publishArticle: {
    errors: [
      'ARTICLE_KEY_REUSED',
      'ARTICLE_SCOPE_NOT_ALLOWED',
      'ARTICLE_TEXT_RISKY',
      'CONTENT_CHECK_UNAVAILABLE',
      'PHOTO_NOT_FOUND',
      'PLACE_NOT_FOUND',
    ],
    method: 'post',
    path: '/api/articles',
    summary:
      '发布普法文章（标题、正文、分类、最多3张图片，发布到本人辖区内的县、乡镇或一个村；法律顾问只能发到所服务的村）；正文经微信内容安全检测，未通过的不发布',
    access: { kind: 'role', roles: publishers, scope: null },
    body: PublishArticleBody,
    reply: Article,
    status: 201,
    alsoStatus: [200],
    rateLimit: 'post',
  },
  uploadArticlePhoto: {
    errors: ['CONTENT_CHECK_UNAVAILABLE', 'PHOTO_REQUIRED', 'PHOTO_TOO_LARGE', 'PHOTO_TOO_MANY', 'PHOTO_TYPE_UNSUPPORTED'],
    method: 'post',
    path: '/api/articles/photos',
    rateLimit: 'post',
    summary: '上传普法文章的图片（multipart/form-data，字段 file；JPEG/PNG/WebP，不超过2MB），发布时附上返回的 photoId',
    access: { kind: 'role', roles: publishers, scope: null },
    upload: { field: 'file', maxBytes: MAX_PHOTO_BYTES, types: PHOTO_TYPES },
    reply: PhotoUploadReply,
    status: 201,
  },
  myArticles: {
    method: 'get',
    path: '/api/articles/mine',
    summary: '我发布的普法文章（最新在前，含已撤回的），每篇的阅读人数',
    access: { kind: 'role', roles: publishers, scope: null },
    query: ArticlePageQuery,
    reply: ArticlePageReply,
  },
  villageFeed: {
    errors: ['VILLAGE_NOT_FOUND'],
    method: 'get',
    path: '/api/villages/:villageCode/articles',
    summary: '本村的普法栏目：发到本村、本乡镇和本县的文章，最新在前，按分页标记翻页',
    access: { kind: 'role', roles: feedReaders, scope: 'villageCode' },
    params: FeedParams,
    query: ArticlePageQuery,
    reply: ArticlePageReply,
  },
  article: {
    errors: ['ARTICLE_NOT_FOUND'],
    method: 'get',
    path: '/api/articles/:articleId',
    summary: '一篇普法文章；打开即记一次阅读（每人只记一次，发布者本人不计）。发布者和上级工作人员可看到阅读人数',
    access: { kind: 'session' },
    params: ArticleParams,
    query: EmptyQuery,
    reply: Article,
  },
  articlePhoto: {
    errors: ['ARTICLE_NOT_FOUND', 'PHOTO_NOT_FOUND'],
    method: 'get',
    path: '/api/articles/:articleId/photos/:photoId',
    summary: '普法文章的图片（仅能看到该文章的人）',
    access: { kind: 'session' },
    params: ArticlePhotoParams,
    query: EmptyQuery,
    reply: z.any(),
    replyContentType: 'image/*',
  },
  withdrawArticle: {
    errors: ['ARTICLE_NOT_FOUND', 'ARTICLE_WITHDRAWN', 'ARTICLE_WITHDRAW_NOT_ALLOWED'],
    method: 'post',
    path: '/api/articles/:articleId/withdraw',
    summary: '撤回普法文章（发布者本人或发布范围的上级工作人员，须写明原因）；撤回后村民不再看到',
    access: { kind: 'role', roles: publishers, scope: null },
    params: ArticleParams,
    body: WithdrawArticleBody,
    reply: Article,
  },
  shareArticle: {
    errors: [
      'ARTICLE_NOT_FOUND',
      'ARTICLE_SHARE_NOT_ALLOWED',
      'GROUP_BUSY',
      'GROUP_MUTED',
      'GROUP_NOT_ELIGIBLE',
      'GROUP_NOT_FOUND',
      'NOT_A_GROUP_MEMBER',
      'NOT_A_GROUP_MODERATOR',
      'PLACE_NOT_FOUND',
    ],
    method: 'post',
    path: '/api/articles/:articleId/share',
    summary: '法律明白人把普法文章分享到本村工作群（群里发一条带文章链接的消息；同一编号重发只发一次）',
    access: { kind: 'role', roles: ['legal_literate'], scope: null },
    params: ArticleParams,
    body: ShareArticleBody,
    reply: ShareArticleReply,
    status: 201,
    alsoStatus: [200],
    rateLimit: 'post',
  },
});
