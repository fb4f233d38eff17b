import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from './errors';

/** Requests per minute, per client address and per person, for each kind of limited route. */
export interface RateLimits {
  login: { perAddress: number; perPerson: number };
  post: { perAddress: number; perPerson: number };
}
export type LimitKind = keyof RateLimits;

/**
 * Fixed-window limits kept in memory (one server process; several processes would each allow
 * the limit, which keeps them a guard against floods and guessing, not a quota). Addresses are
 * generous because villagers on one mobile network share carrier NAT addresses.
 */
export function createRateLimiter(limits: RateLimits) {
  const limiters = new Map<string, RateLimiterMemory>();
  for (const kind of Object.keys(limits) as LimitKind[]) {
    limiters.set(`${kind}:address`, new RateLimiterMemory({ points: limits[kind].perAddress, duration: 60 }));
    limiters.set(`${kind}:person`, new RateLimiterMemory({ points: limits[kind].perPerson, duration: 60 }));
  }
  /** Counts one request; throws RATE_LIMITED (with the seconds to wait) when over the limit. */
  return async function consume(kind: LimitKind, scope: 'address' | 'person', key: string): Promise<void> {
    try {
      await limiters.get(`${kind}:${scope}`)!.consume(key);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new AppError('RATE_LIMITED', `操作过于频繁，请 ${seconds} 秒后再试`, undefined, seconds);
    }
  };
}
export type ConsumeRate = ReturnType<typeof createRateLimiter>;
