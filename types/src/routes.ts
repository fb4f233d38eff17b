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

const TABLES = [
  accountsRoutes,
  placesRoutes,
  counselRoutes,
  countyPolicyRoutes,
  ledgerRoutes,
  groupsRoutes,
  consultationsRoutes,
  machineAccessRoutes,
  residentsRoutes,
  invitationsRoutes,
] as const;
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
