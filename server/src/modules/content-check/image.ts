/**
 * Every user image is checked by WeChat asynchronously (media_check_async v2): we hand WeChat an
 * unguessable link that serves the image while the check is pending (at most an hour), WeChat
 * fetches it and later pushes its verdict (event wxa_media_check, by trace_id) to our message-push
 * route, signed with the push token. Until the verdict is 'pass' others never see the image; a
 * 'risky' or 'review' verdict withdraws it, with the reason, for the township's moderators.
 * The images themselves stay with the modules that own them (ImageOwners).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Types } from 'mongoose';
import { ROUTES, fillPath, type IMAGE_KINDS, type WechatPushBody, type WithdrawnImage } from '@vc/types';
import type { Config } from '../../config';
import { AppError } from '../../shared/errors';
import type { Logger } from '../../shared/log';
import type { WechatClient } from '../wechat/client';
import { usersInCounties } from '../users/queries';
import { ImageCheckModel } from './image-model';
import { SCENE, type Scene } from './text';

export type ImageKind = (typeof IMAGE_KINDS)[number];
export type ImageState = 'pending' | 'pass' | 'withdrawn';

/** What the owner module of a kind of image does for the checks. */
export interface ImageOwner {
  /** the bytes WeChat fetches; null when the image is gone */
  load(imageId: Types.ObjectId): Promise<{ contentType: string; data: Buffer } | null>;
  /** the verdict: 'pass' makes the image visible to others, 'withdrawn' keeps it from them */
  decide(imageId: Types.ObjectId, state: 'pass' | 'withdrawn', reason: string | null): Promise<void>;
}
export type ImageOwners = Record<ImageKind, ImageOwner>;

export interface ImageToCheck {
  kind: ImageKind;
  imageId: Types.ObjectId;
  /** the uploader: WeChat's v2 checks name the user (openid) */
  owner: { _id: Types.ObjectId; openid: string; villageCode?: string | null; roles?: readonly { placeCode: string }[] };
  scene?: Scene;
}

/** Starts the check: 'pass' at once when checks are off (demo app id), else 'pending' until WeChat pushes its verdict. */
export type StartImageCheck = (image: ImageToCheck) => Promise<'pass' | 'pending'>;

/** the link WeChat fetches an image by works this long, and only while the check is pending */
export const MEDIA_LINK_TTL_MS = 3600 * 1000;
const START_TIMEOUT_MS = 10000;

/** The uploader's most specific place: their village, else a role's place (township staff, counsel's county). */
function placeOf(owner: ImageToCheck['owner']): { placeCode: string | null; townshipCode: string | null } {
  const places = [owner.villageCode ?? '', ...(owner.roles ?? []).map((r) => r.placeCode)].filter(Boolean);
  const placeCode = places.sort((a, b) => b.length - a.length)[0] ?? null;
  return { placeCode, townshipCode: placeCode && placeCode.length >= 9 ? placeCode.slice(0, 9) : null };
}

export function makeImageCheck(config: Config, wechat: WechatClient, log: Logger): StartImageCheck {
  if (config.contentCheck === 'off') return () => Promise.resolve('pass');
  return async ({ kind, imageId, owner, scene = SCENE.profile }) => {
    const token = randomBytes(32).toString('base64url');
    const check = await ImageCheckModel.create({
      kind,
      imageId,
      ownerId: owner._id,
      token,
      status: 'pending',
      ...placeOf(owner),
    });
    const mediaUrl = `${config.wechatPush.publicBaseUrl}${fillPath(ROUTES.mediaForCheck.path, { token })}`;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('media_check_async timed out')), START_TIMEOUT_MS);
      });
      const reply = await Promise.race([wechat.mediaCheckAsync(owner.openid, mediaUrl, scene), timeout]);
      if (!reply.trace_id) throw new Error('media_check_async gave no trace_id');
      await ImageCheckModel.updateOne({ _id: check._id }, { $set: { traceId: reply.trace_id } });
      return 'pending';
    } catch (err) {
      // not started: the caller drops the image and the uploader tries again later
      log.warn({ err }, 'image check could not be started, upload refused for now');
      await ImageCheckModel.deleteOne({ _id: check._id });
      throw new AppError('CONTENT_CHECK_UNAVAILABLE');
    } finally {
      clearTimeout(timer);
    }
  };
}

/** how far a push's timestamp (seconds) may be from our clock: the signature covers no body, so an old query is not reusable */
const PUSH_WINDOW_S = 600;

/** WeChat's message-push signature: sha1 of the sorted [token, timestamp, nonce], in hex. No token set: nothing verifies. */
export function pushSignatureValid(token: string, query: Record<string, unknown>, now = Date.now()): boolean {
  const { signature, timestamp, nonce } = query;
  if (!token || typeof signature !== 'string' || typeof timestamp !== 'string' || typeof nonce !== 'string') return false;
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > PUSH_WINDOW_S) return false;
  const expected = createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest();
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The image behind a media link, while its check is pending and the link young enough. */
export async function mediaForCheck(owners: ImageOwners, token: string, now = new Date()) {
  const check = await ImageCheckModel.findOne({ token }).lean();
  if (!check || check.status !== 'pending' || now.getTime() - check.createdAt.getTime() > MEDIA_LINK_TTL_MS)
    throw new AppError('MEDIA_NOT_FOUND');
  const image = await owners[check.kind].load(check.imageId);
  if (!image) throw new AppError('MEDIA_NOT_FOUND');
  return image;
}

const REASONS = {
  risky: '微信内容安全检测判定为违规内容',
  review: '微信内容安全检测认为需要人工复核，暂不展示',
} as const;

/**
 * A pushed event. wxa_media_check decides the check named by its trace_id (an unknown one is
 * refused); a repeat of a decided push (WeChat retries) changes nothing. Other events are ignored.
 */
export async function receivePush(owners: ImageOwners, event: WechatPushBody): Promise<void> {
  if (event.Event !== 'wxa_media_check') return;
  const suggest = event.result?.suggest;
  if (!event.trace_id || !suggest) throw new AppError('VALIDATION_FAILED', '推送缺少 trace_id 或检测结果');
  const check = await ImageCheckModel.findOne({ traceId: event.trace_id }).lean();
  if (!check) throw new AppError('IMAGE_CHECK_NOT_FOUND');
  if (check.status !== 'pending') return;
  const state = suggest === 'pass' ? 'pass' : 'withdrawn';
  const label = event.result?.label === undefined ? null : String(event.result.label);
  const reason = suggest === 'pass' ? null : `${REASONS[suggest]}${label ? `（标签 ${label}）` : ''}`;
  await ImageCheckModel.updateOne({ _id: check._id }, { $set: { status: state, suggest, label, reason, decidedAt: new Date() } });
  await owners[check.kind].decide(check.imageId, state, reason);
}

const WITHDRAWN_LIMIT = 200;

/** What was withdrawn in a township, newest first, for its moderators. */
export async function withdrawnImages(townshipCode: string): Promise<WithdrawnImage[]> {
  const latest = await ImageCheckModel.find({ townshipCode, status: 'withdrawn' })
    .sort({ decidedAt: -1, _id: -1 })
    .limit(WITHDRAWN_LIMIT)
    .lean();
  const people = await usersInCounties(latest.map((r) => ({ id: r.ownerId, countyCode: townshipCode.slice(0, 6) })));
  return latest.map((r) => ({
    id: String(r._id),
    kind: r.kind,
    ownerName: people.get(String(r.ownerId))?.name ?? '',
    villageCode: r.placeCode && r.placeCode.length === 12 ? r.placeCode : null,
    suggest: r.suggest === 'review' ? 'review' : 'risky',
    label: r.label ?? null,
    reason: r.reason ?? '',
    uploadedAt: r.createdAt.toISOString(),
    decidedAt: (r.decidedAt ?? r.createdAt).toISOString(),
  }));
}

/**
 * Account cancellation: the person's pending checks go with their link (nothing more can be
 * fetched, a late verdict names no check); the decided ones stay as moderation records.
 */
export async function forgetImageChecksOf(ownerId: Types.ObjectId): Promise<void> {
  await ImageCheckModel.deleteMany({ ownerId, status: 'pending' });
}
