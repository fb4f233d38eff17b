import { z } from '../zod';
import { defineRoutes, placeStaff } from '../route';
import { EmptyQuery } from '../common';
import { MAX_PHOTO_BYTES } from '../constants';
import { PHOTO_TYPES } from '../consultations/schemas';
import {
  AvatarParams,
  AvatarReply,
  MediaParams,
  WechatPushBody,
  WechatPushQuery,
  WechatPushVerifyQuery,
  WithdrawnImagesParams,
  WithdrawnImagesReply,
} from './schemas';

/** User images and WeChat's asynchronous check of them; the server's media/routes.ts handles exactly these. */
export const mediaRoutes = defineRoutes({
  uploadAvatar: {
    errors: ['CONTENT_CHECK_UNAVAILABLE', 'PHOTO_REQUIRED', 'PHOTO_TOO_LARGE', 'PHOTO_TYPE_UNSUPPORTED', 'USER_NOT_FOUND'],
    method: 'post',
    path: '/api/me/avatar',
    rateLimit: 'post',
    summary: '上传我的头像（multipart/form-data，字段 file；JPEG/PNG/WebP，不超过2MB）；经微信内容安全检测通过后他人可见',
    access: { kind: 'session' },
    upload: { field: 'file', maxBytes: MAX_PHOTO_BYTES, types: PHOTO_TYPES },
    reply: AvatarReply,
  },
  avatarImage: {
    errors: ['MEDIA_NOT_FOUND'],
    method: 'get',
    path: '/api/avatars/:key',
    // an <Image src> sends no session header; the key is unguessable and reaches others only once the avatar passed
    summary: '头像图片（链接不可猜测；未通过检测的不再提供）',
    access: { kind: 'public' },
    params: AvatarParams,
    query: EmptyQuery,
    reply: z.any(),
    replyContentType: 'image/*',
  },
  mediaForCheck: {
    errors: ['MEDIA_NOT_FOUND'],
    method: 'get',
    path: '/api/media/:token',
    summary: '待检测图片，供微信内容安全接口（media_check_async）下载；链接不可猜测，仅在检测结果返回前、1小时内有效',
    access: { kind: 'public' },
    params: MediaParams,
    query: EmptyQuery,
    reply: z.any(),
    replyContentType: 'image/*',
  },
  wechatPushVerify: {
    method: 'get',
    path: '/api/wechat/push',
    summary: '微信消息推送的服务器地址验证（签名正确时原样返回 echostr）',
    access: { kind: 'wechat' },
    query: WechatPushVerifyQuery,
    reply: z.string(),
    replyContentType: 'text/plain',
  },
  wechatPush: {
    errors: ['IMAGE_CHECK_NOT_FOUND'],
    method: 'post',
    path: '/api/wechat/push',
    summary: '微信消息推送（明文 JSON）：接收图片内容安全检测结果（wxa_media_check），答复 success',
    access: { kind: 'wechat' },
    query: WechatPushQuery,
    body: WechatPushBody,
    reply: z.string(),
    replyContentType: 'text/plain',
  },
  withdrawnImages: {
    method: 'get',
    path: '/api/townships/:townshipCode/withdrawn-images',
    summary: '本乡镇未通过微信内容安全检测而撤下的图片（谁的、何时、原因），最近200条',
    access: { kind: 'role', roles: placeStaff, scope: 'townshipCode' },
    params: WithdrawnImagesParams,
    query: EmptyQuery,
    reply: WithdrawnImagesReply,
  },
});
