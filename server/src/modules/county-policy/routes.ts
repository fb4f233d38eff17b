import { countyPolicyRoutes } from '@vc/types';
import type { Handlers } from '../../shared/http';
import * as policy from './service';

export function countyPolicyHandlers(): Handlers<typeof countyPolicyRoutes> {
  return {
    countyPolicy: ({ params }) => policy.countyPolicy(params.countyCode),
    updateCountyPolicy: ({ params, body, principal }) => policy.updateCountyPolicy(params.countyCode, body, principal.userId),
    countyPolicyHistory: async ({ params }) => ({ items: await policy.policyHistory(params.countyCode) }),
  };
}
