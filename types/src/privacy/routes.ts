import { defineRoutes } from '../route';
import { EmptyQuery } from '../common';
import { CancelAccountBody, CancelAccountReply, ConsentBody, DataCopy, PrivacyPolicyReply, PrivacyStatus } from './schemas';

/** The privacy routes (issue 13): the policy, consent, the data copy and account cancellation. */
export const privacyRoutes = defineRoutes({
  privacyPolicy: {
    method: 'get',
    path: '/api/privacy/policy',
    summary: '隐私政策（当前版本）',
    access: { kind: 'public' },
    query: EmptyQuery,
    reply: PrivacyPolicyReply,
  },
  privacyStatus: {
    errors: ['USER_NOT_FOUND'],
    method: 'get',
    path: '/api/me/privacy',
    summary: '本人对隐私政策的同意情况（是否需要同意当前版本）',
    access: { kind: 'session' },
    query: EmptyQuery,
    reply: PrivacyStatus,
  },
  privacyConsent: {
    errors: ['USER_NOT_FOUND', 'PRIVACY_VERSION_OUTDATED'],
    method: 'post',
    path: '/api/me/privacy/consent',
    summary: '同意隐私政策（记录版本、时间和方式，永久保存）',
    access: { kind: 'session' },
    body: ConsentBody,
    reply: PrivacyStatus,
  },
  myDataCopy: {
    errors: ['USER_NOT_FOUND'],
    method: 'get',
    path: '/api/me/data',
    summary: '下载本人数据副本（JSON）',
    access: { kind: 'session' },
    query: EmptyQuery,
    reply: DataCopy,
  },
  cancelAccount: {
    errors: ['USER_NOT_FOUND', 'ACCOUNT_HAS_DUTIES', 'DEMO_ACCOUNT_NOT_CANCELLABLE'],
    method: 'post',
    path: '/api/me/cancel',
    summary: '注销本人账号（删除或匿名化个人信息，他人依赖的工作记录保留并显示为“已注销用户”）',
    access: { kind: 'session' },
    body: CancelAccountBody,
    reply: CancelAccountReply,
  },
});
