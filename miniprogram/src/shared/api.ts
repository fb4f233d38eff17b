import Taro from '@tarojs/taro';
import { fillPath } from '@vc/types/src/paths';
import type { BodyOf, ParamsOf, QueryOf, ReplyOf, RouteId } from '@vc/types';
import { apiBase, authHeader, networkError, replyError } from './http';

/*
 * The one request layer: call(routeId, …) for every JSON route. Errors, the API origin and the
 * session header live in shared/http.ts, shared with the photo and export transfers. What each
 * route takes and returns is inferred from its contract (types/src/<capability>/routes.ts) with
 * type-only imports, and its method and path come from VC_ROUTES, built from the same contracts:
 * no zod in the bundle, and nothing here to edit when a route is added.
 */

type Query = Record<string, string | number | undefined>;

/** Path parameters travel as text (a sequence number too). */
type PathParams<P> = P extends undefined ? undefined : { [K in keyof P]: string };

export type CallOptions<K extends RouteId> = {
  params?: PathParams<ParamsOf<K>>;
  query?: QueryOf<K>;
  body?: BodyOf<K>;
};
export type Reply<K extends RouteId> = ReplyOf<K>;

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const parts = Object.keys(query)
    .filter((k) => query[k] !== undefined && query[k] !== '')
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(query[k]))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Calls one API route by id. Resolves with the typed reply; rejects with ApiError (shared/http.ts). */
export async function call<K extends RouteId>(routeId: K, options: CallOptions<K> = {}): Promise<Reply<K>> {
  const route = VC_ROUTES[routeId];
  const url = apiBase() + fillPath(route.path, options.params ?? {}) + queryString(options.query);
  const header: Record<string, string> = { Accept: 'application/json', ...authHeader() };
  const method = route.method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE';
  const hasBody = method !== 'GET' && method !== 'DELETE';
  if (hasBody) header['Content-Type'] = 'application/json';

  let res: Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject | ArrayBuffer>;
  try {
    res = await Taro.request({
      url,
      method,
      header,
      data: hasBody ? (options.body ?? {}) : undefined,
      dataType: 'json',
      timeout: 15000,
    });
  } catch {
    throw networkError();
  }
  const status = res?.statusCode ?? 0;
  if (!status) throw networkError();
  let data: unknown = res.data;
  if (typeof data === 'string' && data) {
    try {
      data = JSON.parse(data) as unknown;
    } catch {
      /* keep the text */
    }
  }
  // a login call's 401 says the credentials were refused, not that a stored session ended
  if (status < 200 || status >= 300) {
    throw replyError(status, data, { keepSession: routeId === 'demoLogin' || routeId === 'wechatLogin' });
  }
  // every route replies with a JSON body (none answers 204): an empty 2xx is a reply cut short on
  // the way (seen in H5 under load), and must not reach a page as if it were the data
  if (data === '' || data === null || data === undefined) throw networkError();
  return data as Reply<K>;
}
