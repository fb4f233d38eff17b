/**
 * The statistics charts as AntV F2 element trees, drawn by F2Chart.
 *
 * F2 5 has its own JSX (its `jsx` builds F2 vnodes, not React elements); this project's TSX
 * compiles to React's runtime (tsconfig `jsx: react-jsx`, babel-preset-taro), and one file cannot
 * use both. So the trees are written here, in a .ts file, with F2's classic `jsx(type, props,
 * ...children)` called directly: no JSX syntax, no pragma, no Babel change, and React's JSX
 * elsewhere stays as it is. Font sizes are numbers: F2 halves 'NNpx' strings (a 750 px design).
 */
import { Axis, Chart, Interval, Line, LineGuide, Point, TextGuide, jsx } from '@antv/f2';
import { t } from '../../shared/i18n';

/** An F2 vnode (opaque to the pages). */
export type F2Node = ReturnType<typeof jsx>;

/** F2's jsx with loose types: its declared props reject its own components' props (F2 5.14). */
const h = jsx as unknown as (type: unknown, props: Record<string, unknown> | null, ...children: F2Node[]) => F2Node;

const GREEN = '#2e7d32';
const RED = '#b3261e';
const INK = '#333333';
const GRID = '#dddddd';
const LABEL = { fontSize: 13, fill: INK };

/** px of chart height per bar (one township or village) */
export const BAR_ROW = 26;

/** Height of a horizontal bar chart with `rows` bars and its axis. */
export function barChartHeight(rows: number): number {
  return Math.max(1, rows) * BAR_ROW + 56;
}

/** Shorter category labels so the bars keep most of a 375 px screen. */
const short = (name: string) => (name.length > 5 ? `${name.slice(0, 5)}…` : name);

/**
 * Per township: the share of its villages that met the month's targets, one horizontal bar each,
 * green at 100 %, red below, in the order of the list under the chart.
 */
export function townshipRateChart(townships: { code: string; name: string; rate: number }[]): F2Node {
  // a transposed chart draws the first category at the bottom: reverse to read top-down like the list
  const data = [...townships].reverse().map((t) => ({ key: t.code, name: short(t.name), rate: t.rate }));
  return h(
    Chart,
    {
      data,
      coord: { transposed: true },
      scale: { rate: { min: 0, max: 100, tickCount: 5 }, key: { type: 'cat' } },
      style: { padding: [8, 16, 8, 8] },
    },
    h(Axis, {
      field: 'key',
      formatter: (code: string) => short(townships.find((t) => t.code === code)?.name ?? code),
      style: { label: LABEL },
    }),
    h(Axis, {
      field: 'rate',
      formatter: (v: number) => `${v}%`,
      style: { label: LABEL, grid: { stroke: GRID } },
    }),
    h(Interval, {
      x: 'key',
      y: 'rate',
      color: { field: 'rate', callback: (rate: number) => (rate >= 100 ? GREEN : RED) },
      style: { radius: [0, 3, 3, 0] },
    }),
  );
}

/**
 * Per village of a township: on-site hours this month, one horizontal bar each (green when the
 * target is met), with the monthly target as a dashed line.
 */
export function villageHoursChart(
  villages: { code: string; name: string; onSiteMinutes: number }[],
  targetHours: number,
): F2Node {
  const data = [...villages].reverse().map((v) => ({ key: v.code, hours: Math.round(v.onSiteMinutes / 6) / 10 }));
  const max = Math.max(targetHours * 1.5, ...data.map((d) => d.hours), 1);
  return h(
    Chart,
    {
      data,
      coord: { transposed: true },
      scale: { hours: { min: 0, max, nice: true, tickCount: 4 }, key: { type: 'cat' } },
      style: { padding: [24, 16, 8, 8] }, // room above for the target's label
    },
    h(Axis, {
      field: 'key',
      formatter: (code: string) => short(villages.find((v) => v.code === code)?.name ?? code),
      style: { label: LABEL },
    }),
    h(Axis, {
      field: 'hours',
      formatter: (v: number) => t('ledger:chart.hours', { hours: v }),
      style: { label: LABEL, grid: { stroke: GRID } },
    }),
    h(Interval, {
      x: 'key',
      y: 'hours',
      color: { field: 'hours', callback: (hours: number) => (hours >= targetHours ? GREEN : RED) },
      style: { radius: [0, 3, 3, 0] },
    }),
    h(LineGuide, {
      records: [
        { key: 'min', hours: targetHours },
        { key: 'max', hours: targetHours },
      ],
      style: { stroke: INK, lineWidth: 2, lineDash: [4, 3] },
    }),
    h(TextGuide, {
      records: [{ key: 'max', hours: targetHours }],
      content: t('ledger:chart.target', { hours: targetHours }),
      offsetX: 4,
      offsetY: -8,
      style: { ...LABEL, textAlign: 'start' },
    }),
  );
}

/** One month of the county trend. */
export interface TrendPoint {
  /** "YYYY-MM" */
  month: string;
  /** percent of villages compliant */
  rate: number;
}

/** The county's compliance rate over the last months, as a line with its points. */
export function trendChart(points: TrendPoint[]): F2Node {
  const data = points.map((p) => ({ month: p.month.slice(2).replace('-', '/'), rate: p.rate }));
  return h(
    Chart,
    {
      data,
      scale: { rate: { min: 0, max: 100, tickCount: 5 }, month: { type: 'cat', range: [0.08, 0.92] } },
      style: { padding: [12, 16, 8, 8] },
    },
    h(Axis, { field: 'month', style: { label: LABEL } }),
    h(Axis, { field: 'rate', formatter: (v: number) => `${v}%`, style: { label: LABEL, grid: { stroke: GRID } } }),
    h(Line, { x: 'month', y: 'rate', color: RED, style: { lineWidth: 2 } }),
    h(Point, { x: 'month', y: 'rate', color: RED, size: 4 }),
  );
}
