/**
 * Posting (docs/domain.md R7): personal numbers refused (screening.ts), the content check, held posts
 * and their moderators' decisions; a counsel taking a post private; demo posts.
 */
import { Types } from 'mongoose';
import { ROLE_LABELS, PII_KIND_LABELS, type HeldPost, type PostGroupMessageBody, type PostGroupMessageReply } from '@vc/types';
import { AppError } from '../../shared/errors';
import { createOnce } from '../../store/duplicates';
import type { Principal } from '../../shared/principal';
import { covers } from '../../shared/scope';
import { userById, type UserDoc } from '../users/queries';
import { placesByCode, placesOfCounty } from '../places/lookup';
import { GroupMessageModel, HeldPostModel, type GroupMessageDoc } from './model';
import { append, describeMessage, hideMessage, notice, visibleMessage } from './log';
import { countyOf, joinRule, tierOf } from './membership-rule';
import { roleInGroup } from './policy';
import { groupPlace } from './places';
import { positionOf } from './positions';
import { recordAction } from './records';
import { checkMember } from './membership';
import { findPersonalNumbers } from './screening';
import { SCENE, type ContentCheck } from '../content-check/text';

/** A resent post that was recorded already: the first record answers; other text is refused. */
function answerResend<T extends { text: string }>(first: T, body: PostGroupMessageBody): T {
  if (first.text !== body.text) throw new AppError('POST_KEY_REUSED');
  return first;
}

/**
 * Posts to a group (R7). Idempotent by (author, clientKey). Personal numbers are refused and
 * never stored; then the content check: what it does not pass is held for a moderator.
 *
 * A visible post is written first and looked up only when its key is taken (a resend), since a
 * lookup scans every message on FerretDB. Held posts are few, so they are looked up first: a
 * held post's resend must not become visible past the moderator.
 */
export async function post(
  principal: Principal,
  groupCode: string,
  body: PostGroupMessageBody,
  check: ContentCheck,
): Promise<{ reply: PostGroupMessageReply; created: boolean }> {
  await groupPlace(groupCode);
  const authorId = new Types.ObjectId(principal.userId);
  const key = { groupCode, authorId, clientKey: body.clientKey };
  const held = await HeldPostModel.findOne(key).lean();
  if (held) {
    answerResend(held, body);
    return { reply: { status: 'held', message: null }, created: false };
  }

  const found = findPersonalNumbers(body.text);
  if (found.length) {
    const kinds = found.map((k) => PII_KIND_LABELS[k]).join('、');
    throw new AppError(
      'POST_CONTAINS_PRIVATE',
      `消息中含有${kinds}，属于个人隐私，不能发到群里（未保存）。如需咨询，请向法律顾问私下咨询。`,
      found.map((k) => ({ path: 'text', message: k })),
    );
  }

  const { user, position } = await positionOf(principal.userId, principal.grants);
  const author = { authorName: user.name, authorRole: ROLE_LABELS[roleInGroup(groupCode, position)] };
  const verdict = await check(user.openid, body.text, SCENE.forum);
  if (verdict !== 'pass') {
    // a resend of a post that went through before (the check may answer otherwise this time)
    const earlier = await GroupMessageModel.findOne(key).lean<GroupMessageDoc>();
    if (earlier) return { reply: { status: 'visible', message: describeMessage(answerResend(earlier, body)) }, created: false };
    const { doc: held, created } = await createOnce(
      async () =>
        (
          await HeldPostModel.create({ ...key, ...author, countyCode: countyOf(groupCode), text: body.text, cause: verdict })
        ).toObject(),
      () => HeldPostModel.findOne(key).lean(),
    );
    if (!created) answerResend(held, body);
    return { reply: { status: 'held', message: null }, created };
  }
  const { message, created } = await append({ ...key, ...author, kind: 'text', text: body.text, targetSeq: null });
  return { reply: { status: 'visible', message: describeMessage(answerResend(message, body)) }, created };
}

/** For consultations/steps.ts openFromGroupPost: the message a counsel takes private, checked and hidden. */
export async function takeMessagePrivate(
  principal: Principal,
  groupCode: string,
  seq: number,
  open: (asker: UserDoc, text: string) => Promise<string>,
): Promise<string> {
  if (tierOf(groupCode) !== 'village' || !principal.grants.some((g) => g.role === 'counsel' && g.placeCode === groupCode))
    throw new AppError('TAKE_PRIVATE_NOT_COUNSEL');
  const message = await visibleMessage(groupCode, seq);
  const asker = message.authorId ? await userById(message.authorId) : null;
  if (!asker || asker.villageCode !== groupCode) throw new AppError('TAKE_PRIVATE_INVALID');
  const consultationId = await open(asker, message.text);
  await recordAction(groupCode, 'take_private', principal.userId, { seq, targetUserId: String(asker._id) });
  await hideMessage(message, 'private', '一条消息涉及个人隐私，已由法律顾问转为私下咨询');
  return consultationId;
}

/** The groups inside `code` (a county, township or village) that this person moderates. */
async function moderatedGroups(principal: Principal, code: string): Promise<Map<string, string>> {
  const { position } = await positionOf(principal.userId, principal.grants);
  const countyCode = countyOf(code);
  const inside = [
    ...(await placesByCode([code])).values(),
    ...(code.length < 12 ? await placesOfCounty(countyCode, 'township') : []),
    ...(code.length < 12 ? await placesOfCounty(countyCode, 'village') : []),
  ];
  const result = new Map<string, string>();
  for (const p of inside) if (covers(code, p.code) && joinRule(p.code, position) === 'moderator') result.set(p.code, p.name);
  return result;
}

function describeHeld(
  h: { _id: Types.ObjectId; groupCode: string; authorName: string; text: string; cause: string; status: string; at: Date },
  groupName: string,
): HeldPost {
  return {
    id: String(h._id),
    groupCode: h.groupCode,
    groupName: `${groupName}工作群`,
    authorName: h.authorName,
    text: h.text,
    cause: h.cause as HeldPost['cause'],
    status: h.status as HeldPost['status'],
    at: h.at.toISOString(),
  };
}

export async function heldPosts(principal: Principal, code: string, status: HeldPost['status']): Promise<HeldPost[]> {
  const groups = await moderatedGroups(principal, code);
  if (groups.size === 0) return [];
  const docs = (await HeldPostModel.find({ countyCode: countyOf(code), status }).lean())
    .filter((d) => groups.has(d.groupCode))
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .slice(0, 200);
  return docs.map((d) => describeHeld(d, groups.get(d.groupCode) ?? ''));
}

export async function decideHeld(
  principal: Principal,
  code: string,
  heldId: string,
  decision: 'release' | 'reject',
  reason?: string,
) {
  const held = await HeldPostModel.findById(heldId).lean();
  const groups = held ? await moderatedGroups(principal, code) : new Map<string, string>();
  if (!held || !groups.has(held.groupCode)) throw new AppError('HELD_POST_NOT_FOUND');
  if (held.status !== 'held') throw new AppError('HELD_POST_DECIDED');
  const status = decision === 'release' ? 'released' : 'rejected';
  const result = await HeldPostModel.updateOne(
    { _id: held._id, status: 'held' },
    { $set: { status, decidedBy: new Types.ObjectId(principal.userId), decidedAt: new Date(), reason: reason ?? null } },
  );
  if (result.modifiedCount === 0) throw new AppError('HELD_POST_DECIDED');
  await recordAction(held.groupCode, decision === 'release' ? 'release_post' : 'reject_post', principal.userId, {
    targetUserId: String(held.authorId),
    reason: reason ?? null,
  });
  if (decision === 'release') {
    // the post's own key: a second release finds the message instead of writing another
    await append({
      groupCode: held.groupCode,
      kind: 'text',
      authorId: held.authorId,
      authorName: held.authorName,
      authorRole: held.authorRole,
      text: held.text,
      targetSeq: null,
      clientKey: held.clientKey,
    });
  }
  return describeHeld({ ...held, status }, groups.get(held.groupCode) ?? '');
}

/**
 * For the articles module: a legal-literate resident shares an article into their village's group
 * (issue 17 item 2). A post of the sharer's, so it needs what any post needs (a member who is not
 * muted), and is idempotent by (sharer, clientKey). The article's text passed WeChat's check when
 * published, so the link is not checked again. Answers the message's seq.
 */
export async function shareArticleToGroup(
  principal: Principal,
  groupCode: string,
  share: { articleId: string; title: string; clientKey: string },
): Promise<{ seq: number; created: boolean }> {
  await groupPlace(groupCode);
  await checkMember(principal, groupCode, 'post');
  const { user, position } = await positionOf(principal.userId, principal.grants);
  const { message, created } = await append({
    groupCode,
    authorId: new Types.ObjectId(principal.userId),
    authorName: user.name,
    authorRole: ROLE_LABELS[roleInGroup(groupCode, position)],
    kind: 'text',
    text: `【普法】${share.title}`,
    targetSeq: null,
    clientKey: share.clientKey,
    articleId: new Types.ObjectId(share.articleId),
  });
  return { seq: message.seq, created };
}

/** For the demo data: a message in someone's name, once per clientKey. */
export async function postAs(
  groupCode: string,
  author: { id: string; name: string; role: string },
  text: string,
  clientKey: string,
): Promise<void> {
  await append({
    groupCode,
    kind: 'text',
    authorId: new Types.ObjectId(author.id),
    authorName: author.name,
    authorRole: author.role,
    text,
    targetSeq: null,
    clientKey,
  });
}

/**
 * A system notice (系统消息) in a group, posted by another module on the group's behalf (a lecture
 * announced, moved or cancelled): shown to every member like the group's own notices.
 */
export async function postSystemNotice(groupCode: string, text: string): Promise<void> {
  await notice(groupCode, text);
}
