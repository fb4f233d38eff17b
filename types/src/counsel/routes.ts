import { z } from '../zod';
import { defineRoutes, countyStaff, placeStaff, CountyParams, VillageParams } from '../route';
import { EmptyQuery } from '../common';
import { CountyCode, VillageCode, ObjectId } from '../roles';
import {
  NoticeBoard,
  CounselContactReply,
  CounselListReply,
  Assignment,
  AssignBody,
  EndAssignmentBody,
  AssignmentListQuery,
  AssignmentListReply,
} from './schemas';

/** The counsel routes: method, path, access and schemas; the server's counsel routes.ts handles exactly these. */
export const counselRoutes = defineRoutes({
  noticeBoard: {
    method: 'get',
    path: '/api/villages/:villageCode/notice-board',
    summary: '村（居）法律顾问公示栏',
    access: { kind: 'session' },
    params: VillageParams,
    query: EmptyQuery,
    reply: NoticeBoard,
  },
  counselContact: {
    method: 'post',
    path: '/api/villages/:villageCode/counsel/:counselId/contact',
    summary: '获取法律顾问完整电话（本村村民及辖区工作人员，留痕）',
    access: { kind: 'role', roles: ['villager', 'counsel', 'township_staff', 'county_staff', 'admin'], scope: 'villageCode' },
    params: z.object({ villageCode: VillageCode, counselId: ObjectId }).strict(),
    reply: CounselContactReply,
  },
  countyCounsel: {
    method: 'get',
    path: '/api/counties/:countyCode/counsel',
    summary: '本县法律顾问及其服务村',
    access: { kind: 'role', roles: placeStaff, scope: 'countyCode' },
    params: CountyParams,
    query: EmptyQuery,
    reply: CounselListReply,
  },
  listAssignments: {
    method: 'get',
    path: '/api/counties/:countyCode/assignments',
    summary: '法律顾问与村的对应关系（含历史）',
    access: { kind: 'role', roles: placeStaff, scope: 'countyCode' },
    params: CountyParams,
    query: AssignmentListQuery,
    reply: AssignmentListReply,
  },
  assignCounsel: {
    method: 'post',
    path: '/api/counties/:countyCode/assignments',
    summary: '为村指派法律顾问（每名顾问最多服务的村数由县设置，默认5个）',
    access: { kind: 'role', roles: countyStaff, scope: 'countyCode' },
    params: CountyParams,
    body: AssignBody,
    reply: Assignment,
    status: 201,
  },
  endAssignment: {
    method: 'post',
    path: '/api/counties/:countyCode/assignments/:assignmentId/end',
    summary: '解除指派（记录原因，不删除）',
    access: { kind: 'role', roles: countyStaff, scope: 'countyCode' },
    params: z.object({ countyCode: CountyCode, assignmentId: ObjectId }).strict(),
    body: EndAssignmentBody,
    reply: Assignment,
  },
});
