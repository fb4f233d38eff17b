import { LEGAL_AID_MATTER_LABELS, type casesRoutes } from '@vc/types';
import type { HandlerDeps } from '../../deps';
import { readPhotoUpload, replyWithFile, replyWithStatus, type Handlers } from '../../shared/http';
import { makeContentCheck } from '../content-check/text';
import { makeImageCheck } from '../content-check/image';
import { countyPolicy } from '../county-policy/service';

import { checkEligibility, thresholdOf } from './kinds/legal-aid';
import * as lists from './lists';
import { bookingNotifier } from './notify';
import { storeCasePhoto } from './photos';
import * as steps from './steps';
import * as views from './views';

export function casesHandlers({ config, wechat, log }: HandlerDeps): Handlers<typeof casesRoutes> {
  const check = makeContentCheck(config, wechat, log);
  const startImageCheck = makeImageCheck(config, wechat, log);
  const notifyBooking = bookingNotifier(wechat, config, log);
  return {
    legalAidTerms: async ({ params }) => {
      const policy = await countyPolicy(params.countyCode);
      return {
        countyCode: params.countyCode,
        matters: policy.legalAidMatters.map((key) => ({ key, label: LEGAL_AID_MATTER_LABELS[key] })),
        minimumLivingAllowance: policy.minimumLivingAllowance,
        legalAidIncomeMultiple: policy.legalAidIncomeMultiple,
        threshold: thresholdOf(policy),
      };
    },
    checkLegalAid: async ({ params, body }) => checkEligibility(body, await countyPolicy(params.countyCode)),
    openCase: async ({ principal, body, ctx }) => {
      const opened = await steps.open(principal, body, check);
      return replyWithStatus(ctx, opened.case, opened.created ? 201 : 200);
    },
    uploadCasePhoto: async ({ principal, ctx }) => storeCasePhoto(principal.userId, await readPhotoUpload(ctx), startImageCheck),
    casePhoto: async ({ principal, params, ctx }) => {
      const { contentType, data } = await views.photo(principal, params.caseId, params.photoId);
      return replyWithFile(ctx, { body: data, contentType, cacheControl: 'private, max-age=86400' });
    },
    myCases: async ({ principal }) => ({ items: await lists.mine(principal) }),
    caseInbox: async ({ principal, query }) => ({ items: await lists.inbox(principal, query.status, query.kind) }),
    case: ({ principal, params }) => views.get(principal, params.caseId),
    actOnCase: async ({ principal, params, body }) => {
      const after = await steps.act(principal, params.caseId, body, check);
      await notifyBooking(after, body.act);
      return after;
    },
    rateCase: ({ principal, params, body }) => steps.rate(principal, params.caseId, body, check),
  };
}
