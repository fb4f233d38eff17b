import { defineRoutes } from '../route';
import { OkReply, EmptyQuery } from '../common';
import {
  Me,
  Session,
  WechatLoginBody,
  CloudLoginBody,
  DemoIdentitiesReply,
  DemoLoginBody,
  BindVillageBody,
  UpdateProfileBody,
} from './schemas';

/** The accounts routes: method, path, access and schemas; the server's accounts routes.ts handles exactly these. */
export const accountsRoutes = defineRoutes({
  wechatLogin: {
    method: 'post',
    path: '/api/auth/wechat',
    rateLimit: 'login',
    summary: '微信登录（wx.login 的 code 换取会话）',
    access: { kind: 'public' },
    body: WechatLoginBody,
    reply: Session,
  },
  cloudLogin: {
    method: 'post',
    path: '/api/auth/cloud',
    rateLimit: 'login',
    summary: '云函数登录（HMAC 签名，OPENID 来自云开发上下文）',
    access: { kind: 'signed' },
    body: CloudLoginBody,
    reply: Session,
  },
  demoIdentities: {
    method: 'get',
    path: '/api/auth/demo-identities',
    summary: '演示身份列表（仅非生产环境）',
    access: { kind: 'public' },
    query: EmptyQuery,
    reply: DemoIdentitiesReply,
  },
  demoLogin: {
    method: 'post',
    path: '/api/auth/demo',
    rateLimit: 'login',
    summary: '以演示身份登录（仅非生产环境）',
    access: { kind: 'public' },
    body: DemoLoginBody,
    reply: Session,
  },
  logout: {
    method: 'post',
    path: '/api/auth/logout',
    summary: '退出登录（吊销会话）',
    access: { kind: 'session' },
    reply: OkReply,
  },
  me: {
    method: 'get',
    path: '/api/me',
    summary: '当前用户',
    access: { kind: 'session' },
    query: EmptyQuery,
    reply: Me,
  },
  updateProfile: {
    method: 'put',
    path: '/api/me',
    summary: '修改本人资料',
    access: { kind: 'session' },
    body: UpdateProfileBody,
    reply: Me,
  },
  bindVillage: {
    method: 'post',
    path: '/api/me/village',
    summary: '绑定所在村（社区）：按区划代码或邀请码',
    access: { kind: 'session' },
    body: BindVillageBody,
    reply: Me,
  },
});
