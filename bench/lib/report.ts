/** The shape of every figure the benchmarks print and write to bench/results/. */
import { spread, type Spread } from './stats';

/** One measured side (the product path or its floor). */
export interface Side {
  what: string;
  /** per-request latency in ms (for load runs: the median over rounds of each round's p50/p99) */
  latency: { p50: number; p99: number; min: number; max: number; n: number };
  /** requests per second, median over rounds, with the rounds' min and max (load runs only) */
  throughput?: { median: number; min: number; max: number; rounds: number };
}

export interface Comparison {
  benchmark: string;
  measure: string;
  product: Side;
  floor: Side;
  /** how many times slower the product is than the floor: p50 or p99 latency ratio, or floor/product throughput */
  ratio: number;
  ratioOf: 'p50 latency' | 'p99 latency' | 'throughput';
  notes?: string[];
  /** the target for this figure, and whether this run met it (a figure, never an assertion) */
  target?: { text: string; met: boolean };
}

/** A side from repeated single timings (each sample one request). */
export function sideOf(what: string, samples: readonly number[]): Side {
  const s = spread(samples);
  return { what, latency: { p50: s.p50, p99: s.p99, min: s.min, max: s.max, n: s.n } };
}

/** A side from several load rounds: per-round latency percentiles and throughput, then medians. */
export function sideOfRounds(what: string, rounds: readonly { latencies: number[]; requests: number; wallMs: number }[]): Side {
  const perRound = rounds.map((r) => ({ s: spread(r.latencies), rps: (r.requests / r.wallMs) * 1000 }));
  const med = (xs: number[]) => spread(xs).p50;
  const all = spread(rounds.flatMap((r) => r.latencies));
  const rps = spread(perRound.map((r) => r.rps));
  return {
    what,
    latency: {
      p50: med(perRound.map((r) => r.s.p50)),
      p99: med(perRound.map((r) => r.s.p99)),
      min: all.min,
      max: all.max,
      n: all.n,
    },
    throughput: { median: rps.p50, min: rps.min, max: rps.max, rounds: rounds.length },
  };
}

export function compare(
  benchmark: string,
  measure: string,
  product: Side,
  floor: Side,
  ratioOf: Comparison['ratioOf'] = 'p50 latency',
  notes?: string[],
): Comparison {
  const ratio =
    ratioOf === 'throughput' && product.throughput && floor.throughput
      ? floor.throughput.median / product.throughput.median
      : ratioOf === 'p99 latency'
        ? product.latency.p99 / floor.latency.p99
        : product.latency.p50 / floor.latency.p50;
  return { benchmark, measure, product, floor, ratio, ratioOf, notes };
}

/** The comparison with the target: a ratio (product ÷ floor) of at most `maxRatio`. */
export function withRatioTarget(c: Comparison, maxRatio: number): Comparison {
  return { ...c, target: { text: `≤ ${maxRatio}×`, met: c.ratio <= maxRatio } };
}

/** The comparison with the target: product throughput at least `minShare` of the floor's. */
export function withThroughputTarget(c: Comparison, minShare: number): Comparison {
  const share = 1 / c.ratio;
  return {
    ...c,
    target: { text: `product ≥ ${Math.round(minShare * 100)}% of the floor's throughput`, met: share >= minShare },
    notes: [...(c.notes ?? []), `product throughput = ${(share * 100).toFixed(0)}% of the floor's`],
  };
}

export type { Spread };
