import { defineRoutes, CountyParams, countyStaff, placeStaff } from '../route';
import { z } from '../zod';
import { TownshipCode } from '../roles';
import {
  AssessmentQuery,
  AssessmentReply,
  CallbackCoverageReply,
  CallbackItem,
  CallbackListReply,
  CallbackParams,
  CallbackPhoneReply,
  CallbacksQuery,
  RecordCallbackBody,
} from './schemas';

const TownshipParams = z.object({ townshipCode: TownshipCode }).strict();

/** Call-backs (回访) and the back office's assessment figures (issue 16 items 5 and 7). */
export const callbacksRoutes = defineRoutes({
  townshipCallbacks: {
    errors: ['CALLBACK_MONTH_NOT_STARTED'],
    method: 'get',
    path: '/api/townships/:townshipCode/callbacks',
    summary: '本乡镇某月的回访抽样（首次查看时按县里设定的比例与最低件数随机抽取办结的咨询和事项，抽定后不再改变）及回访记录',
    access: { kind: 'role', roles: placeStaff, scope: 'townshipCode' },
    params: TownshipParams,
    query: CallbacksQuery,
    reply: CallbackListReply,
  },
  revealCallbackPhone: {
    errors: ['CALLBACK_NOT_FOUND', 'CALLBACK_PHONE_NOT_AVAILABLE'],
    method: 'post',
    path: '/api/townships/:townshipCode/callbacks/:callbackId/phone',
    summary: '获取回访对象的完整电话以便拨打（仅本乡镇司法所工作人员，留痕）',
    access: { kind: 'role', roles: ['township_staff'], scope: 'townshipCode' },
    params: CallbackParams,
    reply: CallbackPhoneReply,
  },
  recordCallback: {
    errors: ['CALLBACK_NOT_FOUND', 'CALLBACK_ALREADY_RECORDED'],
    method: 'post',
    path: '/api/townships/:townshipCode/callbacks/:callbackId',
    summary: '记录一次回访：是否接通、是否满意、情况说明（每件只记一次，记后不可更改）',
    access: { kind: 'role', roles: ['township_staff'], scope: 'townshipCode' },
    params: CallbackParams,
    body: RecordCallbackBody,
    reply: CallbackItem,
  },
  callbackCoverage: {
    method: 'get',
    path: '/api/counties/:countyCode/callbacks/coverage',
    summary: '回访覆盖与满意情况：按乡镇、按法律顾问统计抽取、已回访、接通、满意件数及比例',
    access: { kind: 'role', roles: countyStaff, scope: 'countyCode', machine: true },
    params: CountyParams,
    query: CallbacksQuery,
    reply: CallbackCoverageReply,
  },
  assessment: {
    errors: ['ASSESSMENT_PERIOD_INVALID'],
    method: 'get',
    path: '/api/counties/:countyCode/assessment',
    summary:
      '考核统计（R13）：按乡镇、按法律顾问统计咨询、法律援助受理与转交、调解与调解成功、法治讲座、预约履约、评价满意度与回访结果',
    access: { kind: 'role', roles: countyStaff, scope: 'countyCode', machine: true },
    params: CountyParams,
    query: AssessmentQuery,
    reply: AssessmentReply,
  },
});
