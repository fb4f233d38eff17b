import multer from '@koa/multer';
import { counselRoutes, MAX_PROFILE_PHOTO_BYTES } from '@vc/types';
import type { HandlerDeps } from '../../deps';
import { AppError } from '../../shared/errors';
import { replyWithFile, type AppContext, type Handlers } from '../../shared/http';
import { makeContentCheck } from '../content-check/text';
import { makeImageCheck } from '../content-check/image';
import * as profile from './profile';
import * as counsel from './service';

// one photo per request, in memory (≤ 5 MB before it is resized), field "file" as wx.uploadFile sends it
const photoUpload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_PROFILE_PHOTO_BYTES, files: 1, fields: 5 },
}).single('file');

/** The uploaded photo's bytes; multer's limits become our error codes. */
async function readUpload(ctx: AppContext): Promise<Buffer | undefined> {
  try {
    await photoUpload(ctx, () => Promise.resolve());
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'LIMIT_FILE_SIZE') throw new AppError('PROFILE_PHOTO_TOO_LARGE');
    if (typeof code === 'string' && code.startsWith('LIMIT_')) throw new AppError('PHOTO_REQUIRED');
    throw new AppError('PHOTO_REQUIRED', '照片上传不完整，请重试');
  }
  return (ctx as unknown as { file?: { buffer: Buffer } }).file?.buffer;
}

export function counselHandlers({ config, wechat, log }: HandlerDeps): Handlers<typeof counselRoutes> {
  const textCheck = makeContentCheck(config, wechat, log);
  const imageCheck = makeImageCheck(config, wechat, log);
  return {
    noticeBoard: ({ params }) => counsel.noticeBoard(params.villageCode),
    counselContact: ({ params, principal }) => counsel.counselContact(params.villageCode, params.counselId, principal.userId),
    countyCounsel: ({ params, query }) => counsel.countyCounsel(params.countyCode, query),
    assignmentVillages: ({ params, query }) => counsel.assignmentVillages(params.countyCode, query),
    listAssignments: async ({ params, query }) => ({ items: await counsel.listAssignments(params.countyCode, query) }),
    assignCounsel: ({ params, body, principal }) => counsel.assign(params.countyCode, body, principal.userId),
    endAssignment: ({ params, body, principal }) =>
      counsel.endAssignment(params.countyCode, params.assignmentId, body.reason, principal.userId),

    myCounselProfile: async ({ principal }) => profile.viewProfile(await profile.ownProfile(principal.userId)),
    updateMyCounselProfile: async ({ principal, body }) =>
      profile.editProfile(await profile.ownProfile(principal.userId), body, textCheck),
    myCounselProfileHistory: async ({ principal }) => ({
      items: await profile.profileHistory(await profile.ownProfile(principal.userId)),
    }),
    uploadMyCounselPhoto: async ({ principal, ctx }) => {
      const target = await profile.ownProfile(principal.userId);
      return profile.replacePhoto(target, await readUpload(ctx), imageCheck);
    },
    myCounselWechatPhone: async ({ principal, body }) =>
      profile.phoneFromWechatCode(await profile.ownProfile(principal.userId), body.code, wechat),

    counselProfile: async ({ params, principal }) =>
      profile.viewProfile(await profile.countyProfile(params.countyCode, params.counselId, principal.userId)),
    correctCounselProfile: async ({ params, principal, body }) =>
      profile.editProfile(await profile.countyProfile(params.countyCode, params.counselId, principal.userId), body, textCheck),
    counselProfileHistory: async ({ params, principal }) => ({
      items: await profile.profileHistory(await profile.countyProfile(params.countyCode, params.counselId, principal.userId)),
    }),
    uploadCounselPhoto: async ({ params, principal, ctx }) => {
      const target = await profile.countyProfile(params.countyCode, params.counselId, principal.userId);
      return profile.replacePhoto(target, await readUpload(ctx), imageCheck);
    },
    counselPhoto: async ({ params, ctx }) => {
      const { contentType, data } = await profile.readCounselPhoto(params.counselId, params.photoId);
      // a photo id names one photo for good: a new photo gets a new id
      return replyWithFile(ctx, { body: data, contentType, cacheControl: 'public, max-age=31536000, immutable' });
    },
  };
}
