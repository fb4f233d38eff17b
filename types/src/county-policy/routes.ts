import { defineRoutes, countyStaff, placeStaff, CountyParams } from '../route';
import { EmptyQuery } from '../common';
import { CountyPolicyReply, CountyPolicyHistoryReply, UpdateCountyPolicyBody } from './schemas';

/** The county-policy routes: method, path, access and schemas; the server's county-policy routes.ts handles exactly these. */
export const countyPolicyRoutes = defineRoutes({
  countyPolicy: {
    method: 'get',
    path: '/api/counties/:countyCode/policy',
    summary: '县级政策设置',
    access: { kind: 'role', roles: placeStaff, scope: 'countyCode' },
    params: CountyParams,
    query: EmptyQuery,
    reply: CountyPolicyReply,
  },
  updateCountyPolicy: {
    method: 'put',
    path: '/api/counties/:countyCode/policy',
    summary: '修改县级政策设置',
    access: { kind: 'role', roles: countyStaff, scope: 'countyCode' },
    params: CountyParams,
    body: UpdateCountyPolicyBody,
    reply: CountyPolicyReply,
    errors: ['PLACE_NOT_FOUND', 'COUNSEL_OVER_NEW_LIMIT', 'TEXT_CONTENT_RISKY', 'CONTENT_CHECK_UNAVAILABLE'],
  },
  countyPolicyHistory: {
    method: 'get',
    path: '/api/counties/:countyCode/policy/history',
    summary: '县级政策设置的修改记录（最近50次，新的在前）',
    access: { kind: 'role', roles: placeStaff, scope: 'countyCode' },
    params: CountyParams,
    query: EmptyQuery,
    reply: CountyPolicyHistoryReply,
  },
});
