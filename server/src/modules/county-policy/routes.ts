import { countyPolicyRoutes } from '@vc/types';
import type { HandlerDeps } from '../../deps';
import type { Handlers } from '../../shared/http';
import { makeContentCheck, requirePublishableText } from '../content-check/text';
import { userById } from '../users/queries';
import * as policy from './service';

export function countyPolicyHandlers({ config, wechat, log }: HandlerDeps): Handlers<typeof countyPolicyRoutes> {
  const check = makeContentCheck(config, wechat, log);
  return {
    countyPolicy: ({ params }) => policy.countyPolicyReply(params.countyCode),
    updateCountyPolicy: ({ params, body, principal }) =>
      // the procedures and supervision text go on every notice board of the county: WeChat checks them first
      policy.updateCountyPolicy(params.countyCode, body, principal.userId, async (text) => {
        const editor = await userById(principal.userId);
        await requirePublishableText(check, editor?.openid ?? '', text, '办事流程或监督说明');
      }),
    countyPolicyHistory: async ({ params }) => ({ items: await policy.policyHistory(params.countyCode) }),
  };
}
