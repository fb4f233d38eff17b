import { ledgerRoutes } from '@vc/types';
import type { HandlerDeps } from '../../deps';
import { replyWithFile, replyWithStatus, type Handlers } from '../../shared/http';
import * as entries from './entries';
import { exportLedgerFile } from './export';
import * as locks from './locks';
import * as progress from './progress';
import { runReminders } from './reminders';
import { countyCompliance, provinceCompliance } from './report';
import * as reviews from './reviews';
import { reviewNotifier } from './review-notice';
import { rateServed, servedServices } from './served';
import { makeContentCheck } from '../content-check/text';
import { remindBookings } from '../cases/notify';
import { remindLectures } from '../lectures/notify';

export function ledgerHandlers({ config, wechat, log }: HandlerDeps): Handlers<typeof ledgerRoutes> {
  const notifyReviewed = reviewNotifier(wechat, config, log);
  const check = makeContentCheck(config, wechat, log);
  return {
    myServedServices: async ({ principal }) => ({ items: await servedServices(principal) }),
    rateServedService: ({ principal, params, body }) => rateServed(principal, params.entryId, body, check),
    submitLedgerEntry: async ({ principal, body, ctx }) => {
      const { entry, created } = await entries.submit(principal, body);
      // a retry: the first record, nothing new written
      return created ? entry : replyWithStatus(ctx, entry, 200);
    },
    myLedgerEntries: async ({ principal, query }) => ({ items: await entries.listMine(principal.userId, query) }),
    myLedgerProgress: async ({ principal, query }) => ({ items: await progress.progress(principal, query.month) }),
    townshipLedgerEntries: async ({ params, query }) => ({ items: await entries.listTownship(params.townshipCode, query) }),
    reviewLedgerEntry: ({ params, body, principal }) =>
      reviews.review(params.townshipCode, params.entryId, body, principal.userId, notifyReviewed),
    runReminders: async ({ body }) => {
      const asOf = body.asOf ? new Date(body.asOf) : new Date();
      // one daily timer for every reminder: the ledger's month-end one, tomorrow's bookings and lectures
      const ledger = await runReminders(wechat, { ...config.reminders, asOf });
      const bookings = await remindBookings(wechat, config, asOf);
      return { ...ledger, bookings, lectures: await remindLectures(wechat, config, asOf) };
    },
    townshipCompliance: ({ params, query }) =>
      countyCompliance(params.townshipCode.slice(0, 6), query.month, params.townshipCode),
    countyCompliance: ({ params, query }) => countyCompliance(params.countyCode, query.month, query.townshipCode),
    provinceCompliance: ({ params, query }) => provinceCompliance(params.provinceCode, query.month),
    ledgerExport: async ({ params, query, ctx }) =>
      replyWithFile(ctx, await exportLedgerFile(params.countyCode, query.month, query.villageCode)),
    lockLedgerMonth: ({ params, principal }) => locks.lockMonth(params.townshipCode, params.month, principal.userId),
    townshipLedgerLocks: ({ params, query }) => locks.locksOfTownship(params.townshipCode, query.year),
  };
}
