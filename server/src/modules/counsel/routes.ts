import { counselRoutes } from '@vc/types';
import type { Handlers } from '../../shared/http';
import * as counsel from './service';

export function counselHandlers(): Handlers<typeof counselRoutes> {
  return {
    noticeBoard: ({ params }) => counsel.noticeBoard(params.villageCode),
    counselContact: ({ params, principal }) => counsel.counselContact(params.villageCode, params.counselId, principal.userId),
    countyCounsel: ({ params }) => counsel.countyCounsel(params.countyCode),
    listAssignments: async ({ params, query }) => ({ items: await counsel.listAssignments(params.countyCode, query) }),
    assignCounsel: ({ params, body, principal }) => counsel.assign(params.countyCode, body, principal.userId),
    endAssignment: ({ params, body, principal }) =>
      counsel.endAssignment(params.countyCode, params.assignmentId, body.reason, principal.userId),
  };
}
