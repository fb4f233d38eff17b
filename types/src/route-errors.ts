import { ERRORS, type ErrorCode } from './errors';
import type { RouteContract } from './route';

/**
 * Every failure a route can answer with: its own (`errors` in its contract) and those that follow
 * from the rest of its contract — what it accepts, who may call it, its rate limit — plus the two
 * any request can meet (the database is down; a bug). The OpenAPI document lists exactly these per
 * status, and the server refuses, outside production, to answer a route with any other code
 * (shared/http.ts), so the document and the handlers are held to one declaration.
 */
export function routeErrors(route: RouteContract): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  const add = (...more: ErrorCode[]) => more.forEach((code) => codes.add(code));
  const { access } = route;

  // any request may carry a machine credential (Authorization: Bearer vcm_…): a wrong or revoked
  // one is refused, and a valid one is refused on every route not opened to machines
  add('MACHINE_CREDENTIAL_INVALID');
  if (!(access.kind === 'role' && access.machine)) add('MACHINE_ROUTE_FORBIDDEN');
  if (access.kind === 'role' && access.machine) add('MACHINE_OUT_OF_SCOPE');

  if (access.kind === 'signed') add('BAD_SIGNATURE', 'REPLAYED_REQUEST');
  if (access.kind === 'wechat') add('BAD_SIGNATURE');
  if (access.kind === 'session' || access.kind === 'member' || access.kind === 'role') add('UNAUTHENTICATED', 'SESSION_EXPIRED');
  if (access.kind === 'role') add('FORBIDDEN');
  if (access.kind === 'role' && access.scope !== null) add('OUT_OF_JURISDICTION');
  if (access.kind === 'member') {
    if (access.need === 'join') add('GROUP_NOT_ELIGIBLE');
    else add('NOT_A_GROUP_MEMBER');
    if (access.need === 'post') add('GROUP_MUTED');
    if (access.need === 'moderate') add('NOT_A_GROUP_MODERATOR');
  }

  if (route.params || route.query) add('VALIDATION_FAILED');
  if (route.body) add('UNSUPPORTED_MEDIA_TYPE', 'INVALID_JSON', 'VALIDATION_FAILED', 'FORBIDDEN_KEY', 'BODY_TOO_LARGE');
  if (route.upload) add('UNSUPPORTED_MEDIA_TYPE');
  if (route.rateLimit) add('RATE_LIMITED');

  add(...(route.errors ?? []));
  add('DATABASE_UNAVAILABLE', 'INTERNAL');
  return [...codes];
}

/** The route's failures grouped by HTTP status, in status order. */
export function routeErrorsByStatus(route: RouteContract): Map<number, ErrorCode[]> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of routeErrors(route)) {
    const status = ERRORS[code][0];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

/** The success statuses of a route: its usual one and the others it declares. */
export function routeSuccessStatuses(route: RouteContract): number[] {
  return [route.status ?? 200, ...(route.alsoStatus ?? [])];
}
