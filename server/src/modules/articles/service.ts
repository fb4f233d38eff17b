/**
 * The legal-education feed (普法, issue 17 item 2): publishing (scope within the publisher's
 * jurisdiction, the text through WeChat's check, pictures through the photo store), a village's
 * feed, opening an article (a read recorded once per person), withdrawing, and sharing to a
 * village group (through the groups module's exported function).
 *
 * Every list is a fixed number of indexed-equality queries, whatever the page size
 * (tests/server/command-counts.test.ts): a feed reads its three scopes, the place names and
 * nothing per article.
 */
import { Types } from 'mongoose';
import type { Article, ArticlePageReply, ArticleSummary, PublishArticleBody, ShareArticleReply } from '@vc/types';
import { AppError } from '../../shared/errors';
import type { Principal } from '../../shared/principal';
import { ONE_BATCH } from '../../store/batch';
import { createOnce, isDuplicateKey } from '../../store/duplicates';
import { SCENE, type ContentCheck } from '../content-check/text';
import { shareArticleToGroup } from '../groups/posting';
import { placeByCode, placesByCode } from '../places/lookup';
import { userById } from '../users/queries';
import { ArticleModel, ArticleReadModel, type ArticleDoc } from './model';
import { articlePhotoChecks, attachArticlePhotos, checkArticlePhotos, readArticlePhoto } from './photos';
import {
  excerptOf,
  feedScopes,
  mayPublishAt,
  mayRead,
  mayWithdraw,
  pageOf,
  scopeLevelOf,
  seesReads,
  shareVillage,
} from './policy';

const idOf = (doc: ArticleDoc) => String(doc._id);
const pageable = (doc: ArticleDoc) => ({ doc, id: idOf(doc), publishedAt: doc.publishedAt });

function summaryOf(doc: ArticleDoc, names: Map<string, string>, reads: number | null): ArticleSummary {
  return {
    id: idOf(doc),
    title: doc.title,
    excerpt: excerptOf(doc.text),
    category: doc.category,
    scope: {
      level: scopeLevelOf(doc.scopeCode) ?? 'village',
      code: doc.scopeCode,
      name: names.get(doc.scopeCode) ?? doc.scopeCode,
    },
    publisherName: doc.publisherName,
    publishedAt: doc.publishedAt.toISOString(),
    photoCount: doc.photoIds.length,
    status: doc.status,
    reads,
  };
}

const readsOf = (articleId: Types.ObjectId) => ArticleReadModel.countDocuments({ articleId });

/** The article as `principal` sees it; `reads` already counted when they may see it. */
async function describe(principal: Principal, doc: ArticleDoc, reads: number | null): Promise<Article> {
  const publisher = String(doc.publisherId) === principal.userId;
  const [names, checks] = await Promise.all([placesByCode([doc.scopeCode]), articlePhotoChecks(doc.publisherId, doc._id)]);
  const photos = doc.photoIds
    .map((id) => ({ id: String(id), check: checks.get(String(id)) ?? 'pending' }))
    .filter((p) => publisher || p.check === 'pass');
  const fact = { publisherId: String(doc.publisherId), scopeCode: doc.scopeCode };
  return {
    ...summaryOf(doc, new Map([...names].map(([code, p]) => [code, p.name])), reads),
    text: doc.text,
    photos,
    withdrawnAt: doc.withdrawnAt ? doc.withdrawnAt.toISOString() : null,
    withdrawReason: doc.withdrawReason,
    canWithdraw: doc.status === 'published' && mayWithdraw(principal.grants, principal.userId, fact),
    shareVillageCode: doc.status === 'published' ? shareVillage(principal.grants, doc.scopeCode) : null,
  };
}

/** The text must pass WeChat's check: a published article is read by villagers without review. */
async function requireClean(check: ContentCheck, openid: string, text: string): Promise<void> {
  const verdict = await check(openid, text, SCENE.forum);
  if (verdict === 'check_unavailable') throw new AppError('CONTENT_CHECK_UNAVAILABLE');
  if (verdict !== 'pass') throw new AppError('ARTICLE_TEXT_RISKY');
}

/**
 * Publishes an article. Idempotent by (publisher, clientKey): a resend answers the first (200),
 * other content under the same key is refused. Every check comes before the one insert, so a
 * refusal writes nothing; the pictures are attached after it (a resend attaches what is left).
 */
export async function publish(
  principal: Principal,
  body: PublishArticleBody,
  check: ContentCheck,
): Promise<{ article: Article; created: boolean }> {
  const publisherId = new Types.ObjectId(principal.userId);
  const earlier = await ArticleModel.findOne({ publisherId, clientKey: body.clientKey }).lean<ArticleDoc>();
  if (earlier) return { article: await resent(principal, earlier, body), created: false };
  if (!mayPublishAt(principal.grants, body.scopeCode)) throw new AppError('ARTICLE_SCOPE_NOT_ALLOWED');
  const place = await placeByCode(body.scopeCode);
  if (!place || place.level !== scopeLevelOf(body.scopeCode)) throw new AppError('PLACE_NOT_FOUND');
  const photoIds = [...new Set(body.photoIds ?? [])];
  await checkArticlePhotos(publisherId, photoIds, null);
  const publisher = await userById(publisherId);
  await requireClean(check, publisher?.openid ?? '', `${body.title}\n${body.text}`);
  const { doc, created } = await createOnce(
    async () =>
      (
        await ArticleModel.create({
          publisherId,
          publisherName: publisher?.name ?? '',
          clientKey: body.clientKey,
          title: body.title,
          text: body.text,
          category: body.category,
          scopeCode: body.scopeCode,
          countyCode: body.scopeCode.slice(0, 6),
          photoIds: photoIds.map((id) => new Types.ObjectId(id)),
          publishedAt: new Date(),
        })
      ).toObject<ArticleDoc>(),
    () => ArticleModel.findOne({ publisherId, clientKey: body.clientKey }).lean<ArticleDoc>(),
  );
  if (!created) return { article: await resent(principal, doc, body), created: false };
  await attachArticlePhotos(publisherId, photoIds, doc._id);
  return { article: await describe(principal, doc, 0), created: true };
}

/** A resent publish: the same article answers; another under the same key is refused. */
async function resent(principal: Principal, doc: ArticleDoc, body: PublishArticleBody): Promise<Article> {
  if (doc.title !== body.title || doc.text !== body.text || doc.scopeCode !== body.scopeCode)
    throw new AppError('ARTICLE_KEY_REUSED');
  await attachArticlePhotos(
    doc.publisherId,
    (body.photoIds ?? []).filter((id) => doc.photoIds.some((p) => String(p) === id)),
    doc._id,
  );
  return describe(principal, doc, await readsOf(doc._id));
}

/** A village's feed: its own, its township's and its county's published articles, newest first. */
export async function villageFeed(villageCode: string, cursor: string | undefined, limit: number): Promise<ArticlePageReply> {
  const scopes = feedScopes(villageCode);
  const [places, ...lists] = await Promise.all([
    placesByCode(scopes),
    ...scopes.map((scopeCode) => ArticleModel.find({ scopeCode, status: 'published' }).batchSize(ONE_BATCH).lean<ArticleDoc[]>()),
  ]);
  if (places.get(villageCode)?.level !== 'village') throw new AppError('VILLAGE_NOT_FOUND');
  const { page, nextCursor } = pageOf(lists.flat().map(pageable), cursor, limit);
  const names = new Map([...places].map(([code, p]) => [code, p.name]));
  // villagers never see others' reads; staff see them on the article and in their own list
  return { items: page.map((p) => summaryOf(p.doc, names, null)), nextCursor };
}

/** The publisher's own articles (withdrawn ones too), newest first, each with its reads. */
export async function mine(principal: Principal, cursor: string | undefined, limit: number): Promise<ArticlePageReply> {
  const publisherId = new Types.ObjectId(principal.userId);
  const docs = await ArticleModel.find({ publisherId }).batchSize(ONE_BATCH).lean<ArticleDoc[]>();
  const { page, nextCursor } = pageOf(docs.map(pageable), cursor, limit);
  const ids = page.map((p) => p.doc._id);
  const [places, reads] = await Promise.all([
    placesByCode(page.map((p) => p.doc.scopeCode)),
    ids.length
      ? ArticleReadModel.find({ publisherId, articleId: { $in: ids } }, { articleId: 1 })
          .batchSize(ONE_BATCH)
          .lean()
      : Promise.resolve([]),
  ]);
  const counts = new Map<string, number>();
  for (const r of reads) counts.set(String(r.articleId), (counts.get(String(r.articleId)) ?? 0) + 1);
  const names = new Map([...places].map(([code, p]) => [code, p.name]));
  return { items: page.map((p) => summaryOf(p.doc, names, counts.get(p.id) ?? 0)), nextCursor };
}

/**
 * The article, for someone it is open to: a published one to the people of its scope and the staff
 * above; a withdrawn one only to those who may withdraw (the publisher, the staff above). Others
 * are told it does not exist.
 */
async function openable(principal: Principal, articleId: string): Promise<ArticleDoc> {
  const doc = await ArticleModel.findById(articleId).lean<ArticleDoc>();
  if (!doc) throw new AppError('ARTICLE_NOT_FOUND');
  const fact = { publisherId: String(doc.publisherId), scopeCode: doc.scopeCode };
  const open =
    doc.status === 'published'
      ? mayRead(principal.grants, doc.scopeCode) || fact.publisherId === principal.userId
      : mayWithdraw(principal.grants, principal.userId, fact);
  if (!open) throw new AppError('ARTICLE_NOT_FOUND');
  return doc;
}

/**
 * Opens an article: the first open by each person other than the publisher is recorded (the unique
 * (article, person) index keeps one, also of two opens at once). The publisher and staff above see
 * the number of people who opened it.
 */
export async function open(principal: Principal, articleId: string): Promise<Article> {
  const doc = await openable(principal, articleId);
  const publisherId = String(doc.publisherId);
  if (doc.status === 'published' && publisherId !== principal.userId) {
    try {
      await ArticleReadModel.create({
        articleId: doc._id,
        userId: new Types.ObjectId(principal.userId),
        publisherId: doc.publisherId,
        at: new Date(),
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  const reads = seesReads(principal.grants, principal.userId, { publisherId, scopeCode: doc.scopeCode })
    ? await readsOf(doc._id)
    : null;
  return describe(principal, doc, reads);
}

export async function photo(principal: Principal, articleId: string, photoId: string) {
  const doc = await openable(principal, articleId);
  return readArticlePhoto(doc._id, photoId, String(doc.publisherId) === principal.userId);
}

/** Withdraws an article (the publisher or the staff above), with the reason; villagers no longer see it. */
export async function withdraw(principal: Principal, articleId: string, reason: string): Promise<Article> {
  const doc = await ArticleModel.findById(articleId).lean<ArticleDoc>();
  if (!doc) throw new AppError('ARTICLE_NOT_FOUND');
  const fact = { publisherId: String(doc.publisherId), scopeCode: doc.scopeCode };
  if (!mayWithdraw(principal.grants, principal.userId, fact)) {
    // someone the article is not open to is told it does not exist, as on opening it
    if (doc.status !== 'published' || !mayRead(principal.grants, doc.scopeCode)) throw new AppError('ARTICLE_NOT_FOUND');
    throw new AppError('ARTICLE_WITHDRAW_NOT_ALLOWED');
  }
  if (doc.status === 'withdrawn') throw new AppError('ARTICLE_WITHDRAWN');
  const at = new Date();
  const set = {
    status: 'withdrawn' as const,
    withdrawnAt: at,
    withdrawnBy: new Types.ObjectId(principal.userId),
    withdrawReason: reason,
  };
  const result = await ArticleModel.updateOne({ _id: doc._id, status: 'published' }, { $set: set });
  if (result.modifiedCount === 0) throw new AppError('ARTICLE_WITHDRAWN');
  return describe(principal, { ...doc, ...set }, await readsOf(doc._id));
}

/** A legal-literate resident shares the article into the group of their village whose feed holds it. */
export async function share(
  principal: Principal,
  articleId: string,
  clientKey: string,
): Promise<{ reply: ShareArticleReply; created: boolean }> {
  const doc = await ArticleModel.findById(articleId).lean<ArticleDoc>();
  if (!doc || doc.status !== 'published' || !mayRead(principal.grants, doc.scopeCode)) throw new AppError('ARTICLE_NOT_FOUND');
  const villageCode = shareVillage(principal.grants, doc.scopeCode);
  if (!villageCode) throw new AppError('ARTICLE_SHARE_NOT_ALLOWED');
  const { seq, created } = await shareArticleToGroup(principal, villageCode, { articleId, title: doc.title, clientKey });
  return { reply: { groupCode: villageCode, seq }, created };
}
