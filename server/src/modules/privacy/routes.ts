import { privacyRoutes } from '@vc/types';
import type { HandlerDeps } from '../../deps';
import type { Handlers } from '../../shared/http';
import { consent, policyOf, privacyStatus } from './service';
import { cancelAccount } from './cancel';
import { dataCopy } from './copy';

export function privacyHandlers({ config }: HandlerDeps): Handlers<typeof privacyRoutes> {
  const version = config.privacyPolicyVersion;
  return {
    privacyPolicy: () => Promise.resolve(policyOf(version)),
    privacyStatus: ({ principal }) => privacyStatus(principal.userId, version),
    privacyConsent: ({ principal, body }) => consent(principal.userId, body, version),
    myDataCopy: async ({ principal, ctx }) => {
      const copy = await dataCopy(principal.userId);
      // a download, not a page: the browser (and wx.downloadFile) saves it as a file
      ctx.set('Content-Disposition', `attachment; filename="my-data-${copy.exportedAt.slice(0, 10)}.json"`);
      return copy;
    },
    cancelAccount: ({ principal }) => cancelAccount(principal.userId),
  };
}
