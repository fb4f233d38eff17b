import { defineRoutes } from '../route';
import { EmptyQuery } from '../common';
import { NoticesReply, RecordNoticesBody } from './schemas';

/** Subscribe-message consent (issue 13 item 5): what the person accepted, and what we may still send. */
export const noticesRoutes = defineRoutes({
  myNotices: {
    errors: ['USER_NOT_FOUND'],
    method: 'get',
    path: '/api/me/notices',
    summary: '本人的订阅消息提醒：每项提醒是否开启、剩余次数、最近一次拒绝时间及模板编号',
    access: { kind: 'session' },
    query: EmptyQuery,
    reply: NoticesReply,
  },
  recordNotices: {
    errors: ['USER_NOT_FOUND', 'NOTICE_TEMPLATE_UNKNOWN'],
    method: 'post',
    path: '/api/me/notices',
    summary: '记录本人点击后 wx.requestSubscribeMessage 的结果（接受的模板各增加一次可发送次数）',
    access: { kind: 'session' },
    body: RecordNoticesBody,
    reply: NoticesReply,
  },
});
