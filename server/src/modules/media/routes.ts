import multer from '@koa/multer';
import { MAX_PHOTO_BYTES, type mediaRoutes } from '@vc/types';
import type { HandlerDeps } from '../../deps';
import { AppError } from '../../shared/errors';
import { replyWithFile, type AppContext, type Handlers } from '../../shared/http';
import { makeImageCheck, mediaForCheck, receivePush, withdrawnImages, type ImageOwners } from '../content-check/image';
import { consultationPhotoImages } from '../consultations/photos';
import { casePhotoImages } from '../cases/photos';
import { articlePhotoImages } from '../articles/photos';
import { counselPhotoImages } from '../counsel/profile';
import { avatarImage, avatarImages, uploadAvatar } from './avatar';

/** Each kind of checked image and the module that keeps it. */
const OWNERS: ImageOwners = {
  consultation_photo: consultationPhotoImages,
  counsel_photo: counselPhotoImages,
  avatar: avatarImages,
  case_photo: casePhotoImages,
  article_photo: articlePhotoImages,
};

// one image per request, in memory (≤ 2 MB), field "file" as wx.uploadFile sends it
const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 5 },
}).single('file');

async function readUpload(ctx: AppContext): Promise<Buffer | undefined> {
  try {
    await upload(ctx, () => Promise.resolve());
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'LIMIT_FILE_SIZE') throw new AppError('PHOTO_TOO_LARGE');
    throw new AppError('PHOTO_REQUIRED', '图片上传不完整，请重试');
  }
  return (ctx as unknown as { file?: { buffer: Buffer } }).file?.buffer;
}

/** WeChat's message push expects this plain answer to a received event. */
const text = (ctx: AppContext, body: string) => replyWithFile(ctx, { body: Buffer.from(body), contentType: 'text/plain' });

export function mediaHandlers({ config, wechat, log }: HandlerDeps): Handlers<typeof mediaRoutes> {
  const startCheck = makeImageCheck(config, wechat, log);
  return {
    uploadAvatar: async ({ principal, ctx }) => uploadAvatar(principal.userId, await readUpload(ctx), startCheck),
    avatarImage: async ({ params, ctx }) => {
      const { contentType, data, passed } = await avatarImage(params.key);
      // a key names one image for good; a pending one may still be withdrawn, so it is not kept
      return replyWithFile(ctx, { body: data, contentType, cacheControl: passed ? 'public, max-age=86400' : 'no-store' });
    },
    mediaForCheck: async ({ params, ctx }) => {
      const { contentType, data } = await mediaForCheck(OWNERS, params.token);
      return replyWithFile(ctx, { body: data, contentType, cacheControl: 'no-store' });
    },
    wechatPushVerify: ({ query, ctx }) => Promise.resolve(text(ctx, query.echostr)),
    wechatPush: async ({ body, ctx }) => {
      await receivePush(OWNERS, body);
      return text(ctx, 'success');
    },
    withdrawnImages: async ({ params }) => ({ items: await withdrawnImages(params.townshipCode) }),
  };
}
