import { defineRoutes, countyStaff, placeStaff, CountyParams } from '../route';
import {
  InspectionCoverageReply,
  InspectionListReply,
  InspectionMonthQuery,
  InspectionParams,
  Inspection,
  RecordInspectionBody,
  TownshipInspectionParams,
} from './schemas';

/**
 * The monthly inspection of village groups (抽查, issue 16 item 6). The county's staff read the
 * whole draw and its coverage; a township's staff read their township's part of the same draw
 * (its own route, so the jurisdiction check is the route's). The draw is made on the month's
 * first read, by either route, and stored: it never changes.
 */
export const inspectionsRoutes = defineRoutes({
  countyInspections: {
    errors: ['INSPECTION_MONTH_FUTURE'],
    method: 'get',
    path: '/api/counties/:countyCode/inspections',
    summary: '本月抽查的村级工作群（按县级设置的比例随机抽取，首次查看时抽取并保存，此后不变），含各群当月情况与抽查记录',
    access: { kind: 'role', roles: countyStaff, scope: 'countyCode' },
    params: CountyParams,
    query: InspectionMonthQuery,
    reply: InspectionListReply,
  },
  townshipInspections: {
    errors: ['INSPECTION_MONTH_FUTURE'],
    method: 'get',
    path: '/api/townships/:townshipCode/inspections',
    summary: '本乡镇被抽查的村级工作群（全县同一次抽取中属于本乡镇的部分）',
    access: { kind: 'role', roles: placeStaff, scope: 'townshipCode' },
    params: TownshipInspectionParams,
    query: InspectionMonthQuery,
    reply: InspectionListReply,
  },
  inspectionCoverage: {
    errors: ['INSPECTION_MONTH_FUTURE'],
    method: 'get',
    path: '/api/counties/:countyCode/inspections/coverage',
    summary: '抽查覆盖情况：各乡镇抽取数、已抽查数、活跃数、发现问题数及全县合计',
    access: { kind: 'role', roles: countyStaff, scope: 'countyCode' },
    params: CountyParams,
    query: InspectionMonthQuery,
    reply: InspectionCoverageReply,
  },
  recordInspection: {
    errors: ['INSPECTION_NOT_FOUND', 'INSPECTION_ALREADY_RECORDED', 'INSPECTION_ACTION_REQUIRED', 'OUT_OF_JURISDICTION'],
    method: 'post',
    path: '/api/inspections/:inspectionId',
    summary: '记录一次抽查：群是否活跃、是否发现个人隐私或不当内容、采取的处理措施（发现问题时必填）；只记一次，不可修改',
    access: { kind: 'role', roles: placeStaff, scope: null },
    params: InspectionParams,
    body: RecordInspectionBody,
    reply: Inspection,
    status: 201,
  },
});
