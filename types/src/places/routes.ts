import { z } from '../zod';
import { defineRoutes, placeStaff, VillageParams } from '../route';
import { EmptyQuery } from '../common';
import { PlaceCode } from '../roles';
import { VillageSummary, VillageSearchQuery, VillageSearchReply, PlaceChildrenReply } from './schemas';

/** The places routes: method, path, access and schemas; the server's places routes.ts handles exactly these. */
export const placesRoutes = defineRoutes({
  searchVillages: {
    method: 'get',
    path: '/api/places/villages',
    summary: '按名称搜索村（社区）',
    access: { kind: 'session' },
    query: VillageSearchQuery,
    reply: VillageSearchReply,
  },
  village: {
    errors: ['VILLAGE_NOT_FOUND'],
    method: 'get',
    path: '/api/places/villages/:villageCode',
    summary: '按区划代码查看一个村（社区）：所属乡镇、县',
    access: { kind: 'session' },
    params: VillageParams,
    query: EmptyQuery,
    reply: VillageSummary,
  },
  villageByInvite: {
    errors: ['INVITE_CODE_NOT_FOUND', 'VILLAGE_NOT_FOUND'],
    method: 'get',
    path: '/api/places/invite/:inviteCode',
    summary: '按邀请码（小程序码 scene）查找村（社区）',
    access: { kind: 'session' },
    params: z.object({ inviteCode: z.string().regex(/^[A-Z0-9]{6}$/, '邀请码为6位字母或数字') }).strict(),
    query: EmptyQuery,
    reply: VillageSummary,
  },
  placeChildren: {
    errors: ['PLACE_NOT_FOUND'],
    method: 'get',
    path: '/api/places/:code/children',
    summary: '下级区划（司法所、司法局工作人员）',
    access: { kind: 'role', roles: placeStaff, scope: 'code' },
    params: z.object({ code: PlaceCode }).strict(),
    query: EmptyQuery,
    reply: PlaceChildrenReply,
  },
  villageQrCode: {
    errors: ['VILLAGE_NOT_FOUND', 'WECHAT_UNAVAILABLE'],
    method: 'get',
    path: '/api/villages/:villageCode/qrcode',
    summary: '本村小程序码（扫码绑定村）',
    access: { kind: 'role', roles: ['counsel', 'township_staff', 'county_staff', 'admin'], scope: 'villageCode' },
    params: VillageParams,
    query: EmptyQuery,
    reply: z.any(),
    replyContentType: 'image/png',
  },
});
