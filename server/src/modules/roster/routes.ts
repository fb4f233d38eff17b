import type { rosterRoutes } from '@vc/types';
import type { Handlers } from '../../shared/http';
import * as roster from './service';

/** The legal-literate residents' roster (issue 17 item 3). */
export function rosterHandlers(): Handlers<typeof rosterRoutes> {
  return {
    villageRoster: ({ params }) => roster.villageRoster(params.villageCode),
    boardRoster: ({ params }) => roster.boardRoster(params.villageCode),
    townshipRosterCoverage: ({ params }) => roster.rosterCoverage(params.townshipCode),
    countyRosterCoverage: ({ params }) => roster.rosterCoverage(params.countyCode),
  };
}
