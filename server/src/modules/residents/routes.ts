import { residentsRoutes } from '@vc/types';
import type { Handlers } from '../../shared/http';
import * as residents from './service';

export function residentsHandlers(): Handlers<typeof residentsRoutes> {
  return {
    listResidents: ({ params, query }) => residents.listResidents(params.villageCode, query.status),
    confirmResident: ({ params, principal }) =>
      residents.decide(params.villageCode, params.userId, principal.userId, { confirmed: true }),
    declineResident: ({ params, principal, body }) =>
      residents.decide(params.villageCode, params.userId, principal.userId, { confirmed: false, reason: body.reason }),
    myVillageHistory: async ({ principal }) => ({ items: await residents.villageHistory(principal.userId) }),
  };
}
