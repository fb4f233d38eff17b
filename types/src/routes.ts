import type { z } from './zod';
import { assertDistinct } from './route';
import { accountsRoutes } from './accounts/routes';
import { placesRoutes } from './places/routes';
import { counselRoutes } from './counsel/routes';
import { countyPolicyRoutes } from './county-policy/routes';
import { ledgerRoutes } from './ledger/routes';
import { groupsRoutes } from './groups/routes';
import { consultationsRoutes } from './consultations/routes';
import { machineAccessRoutes } from './machine-access/routes';
import { residentsRoutes } from './residents/routes';
import { invitationsRoutes } from './invitations/routes';
import { privacyRoutes } from './privacy/routes';
import { reportsRoutes } from './reports/routes';
import { mediaRoutes } from './media/routes';
import { noticesRoutes } from './notices/routes';
import { todoRoutes } from './todo/routes';
import { casesRoutes } from './cases/routes';
import { inspectionsRoutes } from './inspections/routes';
import { callbacksRoutes } from './callbacks/routes';
import { lecturesRoutes } from './lectures/routes';
import { articlesRoutes } from './articles/routes';
import { rosterRoutes } from './roster/routes';
import { i18nRoutes } from './i18n/routes';

/**
 * The capabilities, each with its routes: the OpenAPI document tags every operation with its
 * capability (`tag`) and describes the tag (`description`, for integrators reading the document).
 */
export const CAPABILITIES = [
  { tag: 'accounts', description: '登录、账号与身份（小程序、网页与扫码登录，云函数调用）', routes: accountsRoutes },
  { tag: 'places', description: '行政区划与公示栏', routes: placesRoutes },
  { tag: 'counsel', description: '法律顾问、驻村指派与顾问资料', routes: counselRoutes },
  { tag: 'county-policy', description: '县级工作规范（服务时长、服务村数等）', routes: countyPolicyRoutes },
  { tag: 'ledger', description: '工作台账、审核、锁定、报表与导出', routes: ledgerRoutes },
  { tag: 'groups', description: '三级工作群、入群审核与群管理', routes: groupsRoutes },
  { tag: 'consultations', description: '私下咨询、逐级提交、办结与评价', routes: consultationsRoutes },
  { tag: 'machine-access', description: '机器凭证（省级平台、12348 平台只读调用）', routes: machineAccessRoutes },
  { tag: 'residents', description: '村（居）民身份确认', routes: residentsRoutes },
  { tag: 'invitations', description: '邀请任职与撤销角色', routes: invitationsRoutes },
  { tag: 'privacy', description: '隐私政策、同意记录、个人数据副本与账号注销', routes: privacyRoutes },
  { tag: 'reports', description: '举报群消息与咨询答复，乡镇管理员处理', routes: reportsRoutes },
  { tag: 'media', description: '用户图片（头像等）与微信内容安全异步检测、消息推送', routes: mediaRoutes },
  { tag: 'notices', description: '订阅消息提醒：本人同意与拒绝的记录、剩余次数', routes: noticesRoutes },
  { tag: 'todo', description: '本人待办：各角色首页的待处理数量与最紧急事项', routes: todoRoutes },
  { tag: 'cases', description: '服务大厅：法律援助、人民调解、预约、投诉建议，统一受理、限时办结、评价', routes: casesRoutes },
  { tag: 'inspections', description: '村级工作群每月抽查：随机抽取、抽查记录与覆盖情况', routes: inspectionsRoutes },
  { tag: 'callbacks', description: '回访抽样与记录、回访覆盖率，考核统计（R13）', routes: callbacksRoutes },
  { tag: 'lectures', description: '普法讲座：预告、报名、扫码签到与记入台账', routes: lecturesRoutes },
  { tag: 'articles', description: '普法栏目：发布、撤回、村民阅读与阅读人数，法律明白人分享到村群', routes: articlesRoutes },
  { tag: 'roster', description: '法律明白人名单、公示与各村人数达标情况', routes: rosterRoutes },
  { tag: 'i18n', description: '界面语言：简体中文之外的语言包（蒙古文、藏文）', routes: i18nRoutes },
] as const;
const TABLES = CAPABILITIES.map((capability) => capability.routes);
assertDistinct(TABLES);

/**
 * Every route: the server mounts it, OpenAPI is generated from it, tests iterate over it. Each
 * capability declares its own in types/src/<capability>/routes.ts; this is only their union.
 */
export const ROUTES = {
  ...accountsRoutes,
  ...placesRoutes,
  ...counselRoutes,
  ...countyPolicyRoutes,
  ...ledgerRoutes,
  ...groupsRoutes,
  ...consultationsRoutes,
  ...machineAccessRoutes,
  ...residentsRoutes,
  ...invitationsRoutes,
  ...privacyRoutes,
  ...reportsRoutes,
  ...mediaRoutes,
  ...noticesRoutes,
  ...todoRoutes,
  ...casesRoutes,
  ...inspectionsRoutes,
  ...callbacksRoutes,
  ...lecturesRoutes,
  ...articlesRoutes,
  ...rosterRoutes,
  ...i18nRoutes,
};

export type RouteId = keyof typeof ROUTES;
type Schema<K extends RouteId, F extends string> = (typeof ROUTES)[K] extends Record<F, infer S> ? S : undefined;
type Input<S> = S extends z.ZodTypeAny ? z.input<S> : undefined;
type Output<S> = S extends z.ZodTypeAny ? z.output<S> : undefined;

/** What a client sends (before defaults and coercion) and gets back: inferred, never written by hand. */
export type ParamsOf<K extends RouteId> = Input<Schema<K, 'params'>>;
export type QueryOf<K extends RouteId> = Input<Schema<K, 'query'>>;
export type BodyOf<K extends RouteId> = Input<Schema<K, 'body'>>;
export type ReplyOf<K extends RouteId> = Output<Schema<K, 'reply'>>;

export type RoutePaths = { readonly [K in RouteId]: { readonly method: (typeof ROUTES)[K]['method']; readonly path: string } };

/**
 * Method and path of every route, the only part a client needs at run time. The mini-program gets
 * it as a build-time constant (miniprogram/config/index.ts), so no zod schema enters its bundle.
 */
export const PATHS = Object.fromEntries(
  Object.entries(ROUTES).map(([id, route]) => [id, { method: route.method, path: route.path }]),
) as RoutePaths;
