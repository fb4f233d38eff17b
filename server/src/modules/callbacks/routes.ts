import type { callbacksRoutes } from '@vc/types';
import type { Handlers } from '../../shared/http';
import { assessment } from '../assessment/service';
import { coverage, recordCall, revealPhone, townshipCallbacks } from './service';

export function callbacksHandlers(): Handlers<typeof callbacksRoutes> {
  return {
    townshipCallbacks: ({ params, query }) => townshipCallbacks(params.townshipCode, query.month),
    revealCallbackPhone: ({ principal, params }) => revealPhone(principal.userId, params.townshipCode, params.callbackId),
    recordCallback: ({ principal, params, body }) => recordCall(principal.userId, params.townshipCode, params.callbackId, body),
    callbackCoverage: ({ params, query }) => coverage(params.countyCode, query.month),
    assessment: ({ params, query }) => assessment(params.countyCode, query.from, query.to),
  };
}
