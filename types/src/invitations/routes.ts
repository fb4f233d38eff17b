import { z } from '../zod';
import { defineRoutes, placeStaff } from '../route';
import { EmptyQuery } from '../common';
import { ObjectId, PlaceCode } from '../roles';
import {
  CreateInvitationBody,
  Invitation,
  InvitationCode,
  InvitationListQuery,
  InvitationListReply,
  InvitationPreview,
  RedeemInvitationBody,
  RedeemInvitationReply,
  RoleChangeListQuery,
  RoleChangeListReply,
  StaffListQuery,
  StaffListReply,
  WithdrawInvitationBody,
  WithdrawRoleBody,
  WithdrawRoleReply,
} from './schemas';

/** Who issues invitations; which role at which place each may give is the invitations policy's (server). */
const issuers = placeStaff;
const PlaceParams = z.object({ code: PlaceCode }).strict();
const InvitationParams = z.object({ code: PlaceCode, invitationId: ObjectId }).strict();

/**
 * The invitations routes: method, path, access and schemas; the server's invitations routes.ts handles
 * exactly these. `:code` is a place: where the role will be held (create), or a place containing it.
 */
export const invitationsRoutes = defineRoutes({
  createInvitation: {
    errors: ['GRANT_NOT_ALLOWED', 'PLACE_NOT_FOUND', 'ROLE_PLACE_MISMATCH', 'USER_NOT_FOUND'],
    method: 'post',
    path: '/api/places/:code/invitations',
    summary: '邀请他人在本地担任角色（生成邀请码和小程序码）',
    access: { kind: 'role', roles: issuers, scope: 'code' },
    params: PlaceParams,
    body: CreateInvitationBody,
    reply: Invitation,
    status: 201,
  },
  listInvitations: {
    method: 'get',
    path: '/api/places/:code/invitations',
    summary: '本地及下级区划的邀请（含状态）',
    access: { kind: 'role', roles: issuers, scope: 'code' },
    params: PlaceParams,
    query: InvitationListQuery,
    reply: InvitationListReply,
  },
  invitationQrCode: {
    errors: [
      'GRANT_NOT_ALLOWED',
      'INVITATION_EXPIRED',
      'INVITATION_NOT_FOUND',
      'INVITATION_USED_UP',
      'INVITATION_WITHDRAWN',
      'ROLE_PLACE_MISMATCH',
      'WECHAT_UNAVAILABLE',
    ],
    method: 'get',
    path: '/api/places/:code/invitations/:invitationId/qrcode',
    summary: '邀请的小程序码（扫码接受邀请）',
    access: { kind: 'role', roles: issuers, scope: 'code' },
    params: InvitationParams,
    query: EmptyQuery,
    reply: z.any(),
    replyContentType: 'image/png',
  },
  withdrawInvitation: {
    errors: [
      'GRANT_NOT_ALLOWED',
      'INVITATION_NOT_FOUND',
      'INVITATION_USED_UP',
      'INVITATION_WITHDRAWN',
      'ROLE_PLACE_MISMATCH',
      'USER_NOT_FOUND',
    ],
    method: 'post',
    path: '/api/places/:code/invitations/:invitationId/withdraw',
    summary: '撤回尚未用完的邀请',
    access: { kind: 'role', roles: issuers, scope: 'code' },
    params: InvitationParams,
    body: WithdrawInvitationBody,
    reply: Invitation,
  },
  previewInvitation: {
    errors: ['INVITATION_EXPIRED', 'INVITATION_NOT_FOUND', 'INVITATION_USED_UP', 'INVITATION_WITHDRAWN'],
    method: 'get',
    path: '/api/invitations/by-code/:invitationCode',
    summary: '查看邀请码将授予的角色（接受之前）',
    access: { kind: 'session' },
    params: z.object({ invitationCode: InvitationCode }).strict(),
    query: EmptyQuery,
    reply: InvitationPreview,
  },
  redeemInvitation: {
    errors: [
      'INVITATION_ALREADY_USED',
      'INVITATION_EXPIRED',
      'INVITATION_NOT_FOUND',
      'INVITATION_USED_UP',
      'INVITATION_WITHDRAWN',
      'LEGAL_LITERATE_LIMIT',
      'ROLE_ALREADY_HELD',
      'USER_NOT_FOUND',
      'VILLAGE_NOT_FOUND',
    ],
    method: 'post',
    path: '/api/invitations/redeem',
    summary: '接受邀请，获得角色',
    access: { kind: 'session' },
    body: RedeemInvitationBody,
    reply: RedeemInvitationReply,
    rateLimit: 'post',
  },
  staffList: {
    method: 'get',
    path: '/api/places/:code/staff',
    summary: '本地及下级区划的工作人员名单（电话隐去中间四位）',
    access: { kind: 'role', roles: placeStaff, scope: 'code' },
    params: PlaceParams,
    query: StaffListQuery,
    reply: StaffListReply,
  },
  withdrawRole: {
    errors: [
      'ASSIGNMENT_ENDED',
      'ASSIGNMENT_NOT_FOUND',
      'GRANT_NOT_ALLOWED',
      'ROLE_NOT_HELD',
      'ROLE_PLACE_MISMATCH',
      'USER_NOT_FOUND',
    ],
    method: 'post',
    path: '/api/places/:code/staff/:userId/withdraw',
    summary: '撤销某人在本地担任的角色（须填写原因；法律顾问的村指派一并解除）',
    access: { kind: 'role', roles: issuers, scope: 'code' },
    params: z.object({ code: PlaceCode, userId: ObjectId }).strict(),
    body: WithdrawRoleBody,
    reply: WithdrawRoleReply,
  },
  roleChanges: {
    method: 'get',
    path: '/api/places/:code/role-changes',
    summary: '角色变动记录：谁邀请、谁接受、谁撤销，何时，为何',
    access: { kind: 'role', roles: placeStaff, scope: 'code' },
    params: PlaceParams,
    query: RoleChangeListQuery,
    reply: RoleChangeListReply,
  },
});
