/**
 * Progress of a long command on stderr (stdout keeps the summary): a cli-progress bar in a terminal,
 * plain lines "已导入 done / total（pct%）" in logs and pipes — one per tenth of the way, or after a
 * quiet half minute — so a log (and a test) can read how far it got.
 */
import { Presets, SingleBar } from 'cli-progress';

export interface ProgressReporter {
  update(done: number, total: number): void;
  /** ends the bar (or writes the last plain line, if not written yet) */
  stop(): void;
}

const QUIET_MS = 30_000;

export function progressReporter(stream: NodeJS.WriteStream = process.stderr, label = '已导入'): ProgressReporter {
  return stream.isTTY ? barReporter(stream, label) : lineReporter(stream, label);
}

function barReporter(stream: NodeJS.WriteStream, label: string): ProgressReporter {
  const bar = new SingleBar(
    {
      stream,
      format: `${label} {bar} {percentage}% | {value} / {total} | 已用 {duration_formatted} | 预计剩余 {eta_formatted}`,
      hideCursor: true,
      // the rate varies from county to county: estimate from the last few hundred updates
      etaBuffer: 200,
      fps: 5,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) bar.start(total, done);
      else bar.update(done);
      started = true;
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function lineReporter(stream: NodeJS.WriteStream, label: string): ProgressReporter {
  let lastStep = -1;
  let lastAt = Date.now();
  let last: { done: number; total: number } | null = null;
  let written: { done: number; total: number } | null = null;
  const write = (done: number, total: number) => {
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    stream.write(`${label} ${done} / ${total}（${pct}%）\n`);
    written = { done, total };
    lastAt = Date.now();
  };
  return {
    update(done, total) {
      last = { done, total };
      const step = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (step > lastStep || Date.now() - lastAt >= QUIET_MS) {
        lastStep = step;
        write(done, total);
      }
    },
    stop() {
      if (last && (written?.done !== last.done || written.total !== last.total)) write(last.done, last.total);
    },
  };
}
