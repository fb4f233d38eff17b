import type { lecturesRoutes } from '@vc/types';
import type { HandlerDeps } from '../../deps';
import { AppError } from '../../shared/errors';
import { replyWithFile, replyWithStatus, type Handlers } from '../../shared/http';
import { makeContentCheck } from '../content-check/text';
import { lectureChangeNotifier } from './notify';
import { sceneOf } from './policy';
import * as lectures from './service';

/** Lecture announcements, sign-up, QR check-in and the ledger entry (issue 17 item 1). */
export function lecturesHandlers({ config, wechat, log }: HandlerDeps): Handlers<typeof lecturesRoutes> {
  const check = makeContentCheck(config, wechat, log);
  const notify = lectureChangeNotifier(wechat, config, log);
  return {
    announceLecture: async ({ principal, params, body, ctx }) => {
      const { lecture, created } = await lectures.announce(principal, params.villageCode, body, check, log);
      return created ? lecture : replyWithStatus(ctx, lecture, 200);
    },
    villageLectures: async ({ principal, params }) => ({ items: await lectures.upcoming(principal, params.villageCode) }),
    myLectures: async ({ principal }) => ({ items: await lectures.mine(principal) }),
    lecture: ({ principal, params }) => lectures.view(principal, params.lectureId),
    moveLecture: ({ principal, params, body }) => lectures.move(principal, params.lectureId, body, check, notify, log),
    cancelLecture: ({ principal, params, body }) => lectures.cancel(principal, params.lectureId, body.reason, check, notify, log),
    signUpLecture: ({ principal, params }) => lectures.signUp(principal, params.lectureId),
    withdrawLectureSignup: ({ principal, params }) => lectures.withdraw(principal, params.lectureId),
    lectureQrCode: async ({ principal, params, ctx }) => {
      const { id, code } = await lectures.qrOf(principal, params.lectureId);
      let png: Buffer;
      try {
        png = await wechat.getUnlimitedQrCode(sceneOf(id, code), config.wechat.lectureCheckinPage);
      } catch {
        throw new AppError('WECHAT_UNAVAILABLE');
      }
      return replyWithFile(ctx, { body: png, contentType: 'image/png', cacheControl: 'private, no-store' });
    },
    checkInLecture: async ({ principal, params, body, ctx }) => {
      const { reply, created } = await lectures.checkIn(principal, params.lectureId, body.code);
      return created ? reply : replyWithStatus(ctx, reply, 200);
    },
    addLectureAttendee: ({ principal, params, body }) => lectures.addAttendee(principal, params.lectureId, body.name),
    recordLecture: async ({ principal, params, body, ctx }) => {
      const { reply, created } = await lectures.record(principal, params.lectureId, body);
      return created ? reply : replyWithStatus(ctx, reply, 200);
    },
  };
}
