import type { Measurement, Outcome } from './tools/measure.js';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The geometric mean of positive ratios (the mean of ratios that compare runs in both orders). */
export function geometricMean(xs: readonly number[]): number {
  return Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
}

/** The median of each measured figure over repeated runs of one tool and mode. */
export function medianOf(runs: readonly Measurement[]): Measurement {
  const first = runs[0]!;
  const store = runs.map((r) => r.storeBytesPerState);
  return {
    ...first,
    wallSeconds: median(runs.map((r) => r.wallSeconds)),
    peakRssBytes: median(runs.map((r) => r.peakRssBytes)),
    storeBytesPerState: store.every((b) => b !== null) ? median(store as number[]) : null,
  };
}

export const rate = (m: Measurement): number => m.states / m.wallSeconds;

const num = (x: number, digits = 0): string => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A fixed-width table of one case's outcomes, ratios relative to `base`. */
export function renderTable(outcomes: readonly Outcome[], base: Measurement | null): string {
  const head = ['tool', 'mode', 'states', 'states/s', 'wall s', 'peak RSS MB', 'RSS B/state', 'RSS growth B/state', 'store B/state', 'states/s vs gntcheck'];
  const rows: string[][] = outcomes.map((o) => {
    if (o.kind === 'skipped') return [o.s.tool, o.s.mode, '-', '-', '-', '-', '-', '-', '-', `skipped: ${o.s.reason}`];
    const m = o.m;
    return [
      m.tool,
      m.mode,
      num(m.states),
      num(rate(m)),
      num(m.wallSeconds, 2),
      num(m.peakRssBytes / 2 ** 20, 1),
      num(m.peakRssBytes / m.states, 1),
      m.growthBytesPerState == null ? '-' : num(m.growthBytesPerState, 1),
      m.storeBytesPerState === null ? '-' : num(m.storeBytesPerState, 1),
      base ? `${num(rate(m) / rate(base), 2)}x` : '-',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const last = head.length - 1;
  const line = (r: readonly string[]): string => r.map((c, i) => (i < 2 || i === last ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
