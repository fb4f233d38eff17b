import { z } from '../zod';
import { defineRoutes, VillageParams } from '../route';
import { EmptyQuery } from '../common';
import { ObjectId, VillageCode } from '../roles';
import { Resident, ResidentListQuery, ResidentListReply, DeclineResidentBody, VillageHistoryReply } from './schemas';

/** Who confirms residence: the village's cadres, and the staff above them. */
const confirmers = ['village_cadre', 'township_staff', 'county_staff', 'admin'] as const;
const ResidentParams = z.object({ villageCode: VillageCode, userId: ObjectId }).strict();

/** The residents routes; the server's residents routes.ts handles exactly these (binding itself is accounts' bindVillage). */
export const residentsRoutes = defineRoutes({
  listResidents: {
    method: 'get',
    path: '/api/villages/:villageCode/residents',
    summary: '本村登记的村（居）民（含待确认）；本村法律顾问也可查看，以便登记服务对象（手机号仅显示部分）',
    access: { kind: 'role', roles: [...confirmers, 'counsel'], scope: 'villageCode' },
    params: VillageParams,
    query: ResidentListQuery,
    reply: ResidentListReply,
  },
  confirmResident: {
    errors: ['RESIDENT_ALREADY_DECIDED', 'RESIDENT_NOT_FOUND'],
    method: 'post',
    path: '/api/villages/:villageCode/residents/:userId/confirm',
    summary: '确认村（居）民身份（村两委成员或司法所）',
    access: { kind: 'role', roles: confirmers, scope: 'villageCode' },
    params: ResidentParams,
    reply: Resident,
  },
  declineResident: {
    errors: ['RESIDENT_ALREADY_DECIDED', 'RESIDENT_NOT_FOUND'],
    method: 'post',
    path: '/api/villages/:villageCode/residents/:userId/decline',
    summary: '不予确认村（居）民身份（记录原因，解除与本村的绑定）',
    access: { kind: 'role', roles: confirmers, scope: 'villageCode' },
    params: ResidentParams,
    body: DeclineResidentBody,
    reply: Resident,
  },
  myVillageHistory: {
    method: 'get',
    path: '/api/me/village-history',
    summary: '本人所在村的变更记录',
    access: { kind: 'session' },
    query: EmptyQuery,
    reply: VillageHistoryReply,
  },
});
