import { consultationsRoutes } from '@vc/types';
import type { HandlerDeps } from '../../deps';
import { replyWithFile, replyWithStatus, type Handlers } from '../../shared/http';
import { readPhotoUpload as readPhoto } from '../../shared/http';
import { makeContentCheck } from '../content-check/text';
import { makeImageCheck } from '../content-check/image';
import * as lists from './lists';
import { notifyApprovedAnswer } from './notify';
import * as review from './review';
import { storePhoto } from './photos';
import * as figures from './stats';
import * as steps from './steps';
import * as views from './views';

export function consultationsHandlers({ config, wechat, log }: HandlerDeps): Handlers<typeof consultationsRoutes> {
  const notice = { wechat, templateId: config.answerTemplateId, configured: config.wechat.configured };
  const check = makeContentCheck(config, wechat, log);
  const startImageCheck = makeImageCheck(config, wechat, log);
  return {
    askConsultation: async ({ principal, body, ctx }) => {
      const { consultation, created } = await steps.ask(principal, body, check);
      return replyWithStatus(ctx, consultation, created ? 201 : 200);
    },
    uploadConsultationPhoto: async ({ principal, ctx }) => storePhoto(principal.userId, await readPhoto(ctx), startImageCheck),
    consultationPhoto: async ({ principal, params, ctx }) => {
      const { contentType, data } = await views.photo(principal, params.consultationId, params.photoId);
      return replyWithFile(ctx, { body: data, contentType, cacheControl: 'private, max-age=86400' });
    },
    myConsultations: async ({ principal }) => ({ items: await lists.mine(principal) }),
    consultationInbox: async ({ principal, query }) => ({ items: await lists.inbox(principal, query.status) }),
    consultation: ({ principal, params }) => views.get(principal, params.consultationId),
    answerConsultation: ({ principal, params, body }) => steps.answer(principal, params.consultationId, body, notice, check),
    followUpConsultation: ({ principal, params, body }) => steps.followUp(principal, params.consultationId, body, check),
    escalateConsultation: ({ principal, params, body }) => steps.escalate(principal, params.consultationId, body.reason, check),
    closeConsultation: ({ principal, params, body }) => steps.close(principal, params.consultationId, body.note, check),
    rateConsultation: ({ principal, params, body }) => steps.rate(principal, params.consultationId, body, check),
    heldConsultationTexts: async ({ params, query }) => ({ items: await review.heldTexts(params.townshipCode, query.status) }),
    decideHeldConsultationText: ({ principal, params, body }) =>
      review.decide(principal, params.townshipCode, params.reviewId, body, (consultationId, n) =>
        notice.configured ? notifyApprovedAnswer(wechat, notice.templateId, consultationId, n) : Promise.resolve(),
      ),
    consultationStats: ({ params, query }) => figures.stats(params.countyCode, query.month),
    overdueConsultations: async ({ params }) => ({ items: await lists.overdue(params.townshipCode) }),
  };
}
