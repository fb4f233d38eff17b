import type { inspectionsRoutes } from '@vc/types';
import type { Handlers } from '../../shared/http';
import * as inspections from './service';

/** The monthly inspection of village groups (issue 16 item 6). */
export function inspectionsHandlers(): Handlers<typeof inspectionsRoutes> {
  return {
    countyInspections: ({ params, query }) => inspections.list(params.countyCode, query.month),
    townshipInspections: ({ params, query }) =>
      inspections.list(params.townshipCode.slice(0, 6), query.month, params.townshipCode),
    inspectionCoverage: ({ params, query }) => inspections.coverageOf(params.countyCode, query.month),
    recordInspection: ({ principal, params, body }) => inspections.record(principal, params.inspectionId, body),
  };
}
