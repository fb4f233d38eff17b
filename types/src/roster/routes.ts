import { defineRoutes, countyStaff, placeStaff, CountyParams, VillageParams } from '../route';
import { EmptyQuery } from '../common';
import { BoardRosterReply, RosterCoverageReply, TownshipRosterParams, VillageRosterReply } from './schemas';

/**
 * The legal-literate residents' roster (issue 17 item 3). Removing someone from it is withdrawing
 * their role at the village: the invitations capability's withdrawRole route, not repeated here.
 */
export const rosterRoutes = defineRoutes({
  villageRoster: {
    errors: ['VILLAGE_NOT_FOUND'],
    method: 'get',
    path: '/api/villages/:villageCode/legal-literate',
    summary: '本村法律明白人名单（电话隐去中间四位）及是否达到县里设定的人数；移出名单用撤销角色接口',
    access: { kind: 'role', roles: placeStaff, scope: 'villageCode' },
    params: VillageParams,
    query: EmptyQuery,
    reply: VillageRosterReply,
  },
  boardRoster: {
    errors: ['VILLAGE_NOT_FOUND'],
    method: 'get',
    path: '/api/villages/:villageCode/legal-literate/names',
    summary: '公示栏上的本村法律明白人（仅姓名）',
    access: { kind: 'session' },
    params: VillageParams,
    query: EmptyQuery,
    reply: BoardRosterReply,
  },
  townshipRosterCoverage: {
    errors: ['PLACE_NOT_FOUND'],
    method: 'get',
    path: '/api/townships/:townshipCode/legal-literate',
    summary: '本乡镇各村法律明白人人数与县里设定人数的对照',
    access: { kind: 'role', roles: placeStaff, scope: 'townshipCode' },
    params: TownshipRosterParams,
    query: EmptyQuery,
    reply: RosterCoverageReply,
  },
  countyRosterCoverage: {
    errors: ['PLACE_NOT_FOUND'],
    method: 'get',
    path: '/api/counties/:countyCode/legal-literate',
    summary: '全县各村法律明白人人数与县里设定人数（legalLiterateTarget，默认3名）的对照：达标村数、未达标的村',
    access: { kind: 'role', roles: countyStaff, scope: 'countyCode' },
    params: CountyParams,
    query: EmptyQuery,
    reply: RosterCoverageReply,
  },
});
