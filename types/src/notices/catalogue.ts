/**
 * The notices the product promises (issue 13 item 5): one place, stable keys, the Chinese label a
 * person sees, who may get it, and the fields of its WeChat subscribe-message template (the README
 * checklist lists them). Zod-free, so the mini-program imports it. The template ids are the
 * server's configuration (server/src/config.ts) and reach the phone through GET /api/me/notices.
 */
import type { Role } from '../roles';
import { MAX_TEMPLATES_PER_REQUEST, SUBSCRIBE_RESULTS } from '../constants';

export const NOTICE_KEYS = [
  'consultationAnswered',
  'ledgerReviewed',
  'monthEndReminder',
  'joinDecided',
  'bookingUpdate',
  'lectureUpdate',
] as const;
export type NoticeKey = (typeof NOTICE_KEYS)[number];

export interface NoticeDefinition {
  label: string;
  /** when the person is told, in the words of the settings page */
  when: string;
  /** roles held anywhere that make the notice relevant; 'everyone' for every signed-in person */
  forRoles: readonly Role[] | 'everyone';
  /** the template's keywords in the order the server fills them (WeChat console: 选用模板 → 关键词) */
  fields: readonly string[];
}

export const NOTICES: Record<NoticeKey, NoticeDefinition> = {
  consultationAnswered: {
    label: '咨询答复提醒',
    when: '您的咨询有了答复时',
    forRoles: 'everyone',
    fields: ['thing1 咨询内容', 'name2 答复人', 'time3 答复时间'],
  },
  ledgerReviewed: {
    label: '台账审核结果提醒',
    when: '您提交的台账被审核通过或退回时',
    forRoles: ['counsel'],
    fields: ['thing1 服务事项', 'phrase2 审核结果', 'thing3 备注', 'time4 审核时间'],
  },
  monthEndReminder: {
    label: '月底进度提醒',
    when: '月底前驻村服务时长尚未达标时',
    forRoles: ['counsel'],
    fields: ['thing1 村（社区）', 'thing2 尚缺', 'time3 截止日期'],
  },
  joinDecided: {
    label: '入群申请结果提醒',
    when: '您的入群申请被通过或拒绝时',
    forRoles: 'everyone',
    fields: ['thing1 群名称', 'phrase2 审核结果', 'thing3 说明', 'time4 审核时间'],
  },
  bookingUpdate: {
    label: '预约提醒',
    when: '法律顾问确认或改约您的预约时，以及预约前一天',
    forRoles: 'everyone',
    fields: ['thing1 预约事项', 'time2 预约时间', 'phrase3 预约状态', 'thing4 备注'],
  },
  lectureUpdate: {
    label: '讲座提醒',
    when: '您报名的讲座改期、改地点或取消时，以及讲座前一天',
    forRoles: 'everyone',
    fields: ['thing1 讲座主题', 'time2 讲座时间', 'thing3 讲座地点', 'thing4 备注'],
  },
};

export { SUBSCRIBE_RESULTS, MAX_TEMPLATES_PER_REQUEST };
export type SubscribeResult = (typeof SUBSCRIBE_RESULTS)[number];
