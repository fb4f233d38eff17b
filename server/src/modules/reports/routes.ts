import { reportsRoutes } from '@vc/types';
import type { HandlerDeps } from '../../deps';
import { replyWithStatus, type Handlers } from '../../shared/http';
import { makeContentCheck } from '../content-check/text';
import * as reports from './service';

export function reportsHandlers({ config, wechat, log }: HandlerDeps): Handlers<typeof reportsRoutes> {
  // a removal's reason is shown to the group only when it passes (groups/moderation.ts)
  const check = makeContentCheck(config, wechat, log);
  return {
    reportGroupMessage: async ({ principal, params, body, ctx }) => {
      const { report, created } = await reports.reportGroupMessage(principal, params.groupCode, params.seq, body);
      return replyWithStatus(ctx, report, created ? 201 : 200);
    },
    reportConsultationReply: async ({ principal, params, body, ctx }) => {
      const { report, created } = await reports.reportConsultationReply(principal, params.consultationId, params.n, body);
      return replyWithStatus(ctx, report, created ? 201 : 200);
    },
    myReports: async ({ principal }) => ({ items: await reports.mine(principal) }),
    townshipReports: async ({ params, query }) => ({ items: await reports.ofTownship(params.townshipCode, query.status) }),
    decideReport: ({ principal, params, body }) =>
      reports.decide(principal, { townshipCode: params.townshipCode }, params.reportId, body, check),
    countyReports: async ({ params, query }) => ({ items: await reports.ofCounty(params.countyCode, query.status) }),
    decideCountyReport: ({ principal, params, body }) =>
      reports.decide(principal, { countyCode: params.countyCode }, params.reportId, body, check),
  };
}
