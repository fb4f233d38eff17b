import { createWindowCounter } from '../store/window-count';
import { AppError } from './errors';

/** Requests per minute, per client address and per person, for each kind of limited route. */
export interface RateLimits {
  login: { perAddress: number; perPerson: number };
  post: { perAddress: number; perPerson: number };
  /** reads by a machine credential (provincial and 12348 systems; modules/machine-access), per credential */
  machine: { perCredential: number };
}
export type LimitKind = keyof RateLimits;

/**
 * Fixed one-minute windows counted in the database (store/window-count.ts), so the limits hold
 * across every server process sharing it. Addresses are generous because villagers on one mobile
 * network share carrier NAT addresses.
 */
export function createRateLimiter(limits: RateLimits) {
  const count = createWindowCounter(60_000);
  /** Counts one request; throws RATE_LIMITED (with the seconds to wait) when over the limit. */
  return async function consume(kind: LimitKind, scope: 'address' | 'person' | 'credential', key: string): Promise<void> {
    const limit =
      kind === 'machine' ? limits.machine.perCredential : scope === 'address' ? limits[kind].perAddress : limits[kind].perPerson;
    // the generous limits tests and load runs set are not worth two writes per request
    if (limit >= 1_000_000) return;
    const verdict = await count(`${kind}:${scope}:${key}`, limit);
    if (!verdict.allowed) {
      const seconds = Math.max(1, Math.ceil(verdict.msLeft / 1000));
      throw new AppError('RATE_LIMITED', `操作过于频繁，请 ${seconds} 秒后再试`, undefined, seconds);
    }
  };
}
export type ConsumeRate = ReturnType<typeof createRateLimiter>;
