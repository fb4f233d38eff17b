import { useEffect, useMemo, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Canvas, View } from '@tarojs/components';
import { Canvas as F2Canvas } from '@antv/f2';
import type { F2Node } from './charts';
import { useTranslation } from 'react-i18next';

const IS_H5 = process.env.TARO_ENV === 'h5';

/** What the selector query gives back for a canvas node (weapp: the Canvas 2D node; H5: a <canvas>). */
interface CanvasNode {
  width: number;
  height: number;
  getContext?: (type: '2d') => CanvasRenderingContext2D | null;
  requestAnimationFrame?: (cb: () => void) => number;
  cancelAnimationFrame?: (id: number) => void;
}
interface QueryResult {
  node?: CanvasNode | null;
  width?: number;
  height?: number;
}

/** The canvas node of `#id` and its CSS size, or null where there is none (e.g. miniprogram-simulate). */
function findCanvas(id: string): Promise<{ node: CanvasNode; width: number; height: number } | null> {
  return new Promise((resolve) => {
    // a query that never answers must not leave the chart waiting forever
    const timer = setTimeout(() => resolve(null), 3000);
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: unknown[]) => {
        clearTimeout(timer);
        const r = res?.[0] as QueryResult | null | undefined;
        let node = r?.node ?? null;
        let width = r?.width ?? 0;
        let height = r?.height ?? 0;
        if (IS_H5) {
          // Taro H5 gives the inner <canvas> only when the host element reports type 2d, and no size
          // with a node: take both from the DOM
          const canvas = document.querySelector<HTMLCanvasElement>(`#${id} canvas`);
          if (!(node && typeof node.getContext === 'function')) node = canvas;
          const box = canvas?.getBoundingClientRect();
          if (box && !(width > 0 && height > 0)) ({ width, height } = box);
        }
        if (!node || typeof node.getContext !== 'function' || width <= 0 || height <= 0) resolve(null);
        else resolve({ node, width, height });
      });
  });
}

function pixelRatio(): number {
  try {
    return Taro.getSystemInfoSync().pixelRatio || 1;
  } catch {
    return 1;
  }
}

export interface F2ChartProps {
  /** id of the canvas (unique on the page) */
  id: string;
  /** CSS height in px; the width is the container's */
  height: number;
  /** the F2 element tree to draw (a Chart from charts.ts) */
  chart: () => F2Node;
  /** the chart is redrawn when this changes (e.g. the month and the data's figures) */
  dataKey: string;
  /** what the chart shows, in words: a canvas is an image to a screen reader */
  label: string;
}

type State = 'drawing' | 'drawn' | 'unavailable';

/**
 * An AntV F2 5 chart on a Taro <Canvas type="2d"> (weapp: the canvas node from a selector query;
 * H5: Taro's Canvas is a real <canvas>), drawn at the device's pixel ratio without animation.
 * No Taro wrapper for F2 5 exists on the registry, hence this one. Where no 2D canvas can be had
 * (an old base library, miniprogram-simulate) it draws nothing, says so in a line of text and
 * throws nothing: every figure of a chart is also written out as text by the page.
 * Lives in the ledger subpackage so F2 (+516 KB to that subpackage in the weapp build) is never
 * part of the main package (eslint.config.mjs refuses it elsewhere).
 */
export function F2Chart({ id, height, chart, dataKey, label }: F2ChartProps) {
  const { t } = useTranslation('ledger');
  const [state, setState] = useState<State>('drawing');
  const f2 = useRef<F2Canvas | null>(null);
  // the latest chart function, read when drawing (a new closure each render must not redraw)
  const chartRef = useRef(chart);
  chartRef.current = chart;

  useEffect(() => {
    let current = true;
    void (async () => {
      try {
        // the canvas is laid out after this render; in H5 Taro's Canvas (a Stencil element) sets its
        // <canvas>'s size in a render of its own, queued for the next animation frame, which would
        // wipe a drawing made before it: wait two frames there
        await new Promise<void>((r) => Taro.nextTick(r));
        if (IS_H5) await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
        const found = await findCanvas(id);
        if (!current) return;
        if (!found) {
          setState('unavailable');
          return;
        }
        const { node, width, height: h } = found;
        // a new chart for new data: its size may have changed too (one bar per village)
        f2.current?.destroy();
        f2.current = null;
        const ratio = pixelRatio();
        node.width = Math.round(width * ratio);
        node.height = Math.round(h * ratio);
        const context = node.getContext!('2d');
        if (!context) throw new Error('no 2d context');
        // weapp has no global requestAnimationFrame: the canvas node has its own
        const raf = node.requestAnimationFrame
          ? (cb: () => void) => node.requestAnimationFrame!(cb)
          : (cb: () => void) => setTimeout(cb, 16) as unknown as number;
        const caf = (n: number) => (node.cancelAnimationFrame ? node.cancelAnimationFrame(n) : clearTimeout(n));
        const f2Canvas = new F2Canvas({
          context,
          pixelRatio: ratio,
          width,
          height: h,
          animate: false,
          children: chartRef.current(),
          requestAnimationFrame: raf,
          cancelAnimationFrame: caf,
        });
        f2.current = f2Canvas;
        await f2Canvas.render();
        if (current) setState('drawn');
      } catch (e) {
        console.warn('F2Chart: the chart could not be drawn', e);
        if (current) setState('unavailable');
      }
    })();
    return () => {
      current = false;
    };
  }, [id, dataKey]);

  useEffect(
    () => () => {
      f2.current?.destroy();
      f2.current = null;
    },
    [],
  );

  // the same element while the size stays: a re-render with new props would make Taro H5's Canvas
  // reset its <canvas>'s size, which clears the drawing
  const canvas = useMemo(
    () => <Canvas type="2d" id={id} canvasId={id} className="chart-canvas" style={{ height: `${height}px` }} />,
    [id, height],
  );

  return (
    <View id={`${id}-box`} className={`f2-chart f2-chart-${state}`} aria-label={label} role="img">
      {state !== 'unavailable' && canvas}
      {state === 'unavailable' && (
        <View className="muted" id={`${id}-unavailable`}>
          {t('chart.unavailable')}
        </View>
      )}
    </View>
  );
}
