import { z } from './zod';
import { CountyCode, Role, VillageCode } from './roles';
import type { ErrorCode } from './errors';

/**
 * Who may call a route.
 * - public: anyone (login endpoints)
 * - signed: our cloud functions, with an HMAC signature checked before anything else
 * - session: any logged-in person
 * - role: one of `roles`, held at a place that contains the place named by path param `scope`
 *   (codes nest by prefix: a county grant covers its townships and villages).
 *
 * A machine credential (provincial and 12348 systems, `Authorization: Bearer vcm_…`; issued per
 * place by county staff and admins, server/src/modules/machine-access) is no person: it may call
 * only `role` routes marked `machine: true` (reads of reports, statistics, the ledger export), only
 * for places inside the place it is scoped to, and nothing else, not even public routes.
 */
export type Access =
  | { kind: 'public' }
  /** server-to-server calls from our cloud functions, HMAC-signed (types/src/cloud-signing.ts) */
  | { kind: 'signed' }
  /**
   * WeChat's message push (消息推送, plaintext/JSON mode): query params `signature`, `timestamp`,
   * `nonce`, where signature = sha1 of the sorted [push token, timestamp, nonce]; checked before
   * anything else, like `signed`
   */
  | { kind: 'wechat' }
  | { kind: 'session' }
  /**
   * a member (read/post) or moderator of the work group named by path param `groupCode`;
   * decided by the group membership policy (docs/domain.md R6) in the groups service, since it
   * depends on recorded joins, mutes and removals
   */
  | { kind: 'member'; need: 'read' | 'post' | 'moderate' | 'join' }
  | {
      kind: 'role';
      roles: readonly Role[];
      scope: string | null;
      /**
       * also readable by machine credentials scoped to a place containing `scope`'s place. Only on
       * GET routes with a scope (tests/domain/machine-access-policy.test.ts checks the table).
       */
      machine?: true;
    };

export interface RouteContract {
  id: string;
  method: 'get' | 'post' | 'put' | 'delete';
  /** Koa-style path, e.g. /api/counties/:countyCode/policy */
  path: string;
  summary: string;
  access: Access;
  params?: z.ZodTypeAny;
  query?: z.ZodTypeAny;
  body?: z.ZodTypeAny;
  reply: z.ZodTypeAny;
  status?: number;
  /**
   * other success statuses this route answers with (replyWithStatus): 200 for an idempotent
   * repeat of a create, 202 for content held for review. Any other status is refused at run time.
   */
  alsoStatus?: readonly number[];
  /**
   * the route's own failures (the error catalogue, types/src/errors.ts). Failures every route of
   * its kind can give (bad input, not logged in, out of scope, rate limited, database down) are
   * added from the rest of the contract by routeErrors (types/src/route-errors.ts). The OpenAPI
   * document lists them per status, and outside production the server answers 500 to a code a
   * route has not declared, so a test reaching it fails.
   */
  errors?: readonly ErrorCode[];
  /**
   * a file sent as multipart/form-data (wx.uploadFile) instead of a JSON body; its handler reads
   * it. The document describes the form; anything not multipart is refused 415.
   */
  upload?: { field: string; maxBytes: number; types: readonly string[] };
  /** binary replies (images) are described by content type instead of a schema */
  replyContentType?: string;
  /** limited per client address and per person (429 RATE_LIMITED): logins, and posts by people */
  rateLimit?: 'login' | 'post';
}

export const countyStaff = ['county_staff', 'admin'] as const;
export const placeStaff = ['township_staff', 'county_staff', 'admin'] as const;

export const CountyParams = z.object({ countyCode: CountyCode }).strict();
export const VillageParams = z.object({ villageCode: VillageCode }).strict();

/** A contract as a capability writes it: the id is its key in the table. */
export type RouteSpec = Omit<RouteContract, 'id'>;

/** A capability's table, each contract carrying its key as `id`. */
export type RouteTable<T extends Record<string, RouteSpec>> = { readonly [K in keyof T & string]: T[K] & { readonly id: K } };

/**
 * Declares one capability's routes (types/src/<capability>/routes.ts). `const` keeps every
 * method, access kind and schema literal, so the server's handler map and the mini-program's
 * request types are checked against exactly these contracts.
 */
export function defineRoutes<const T extends Record<string, RouteSpec>>(routes: T): RouteTable<T> {
  return Object.fromEntries(Object.entries(routes).map(([id, route]) => [id, { ...route, id }])) as RouteTable<T>;
}

/**
 * Throws when two capabilities declare the same route id or the same method and path: spreading
 * the tables into one would otherwise let the later silently replace the earlier.
 */
export function assertDistinct(tables: readonly Record<string, RouteContract>[]): void {
  const ids = new Set<string>();
  const endpoints = new Set<string>();
  for (const table of tables) {
    for (const route of Object.values(table)) {
      const endpoint = `${route.method} ${route.path}`;
      if (ids.has(route.id)) throw new Error(`route id ${route.id} is declared twice`);
      if (endpoints.has(endpoint)) throw new Error(`${endpoint} is declared twice`);
      ids.add(route.id);
      endpoints.add(endpoint);
    }
  }
}
