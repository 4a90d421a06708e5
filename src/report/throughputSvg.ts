import type { ThroughputPoint } from '../cost/throughput.js';
import { escapeXml as x } from './escape.js';

export interface PlotCurve {
  readonly key: string;
  readonly label: string;
  readonly points: readonly ThroughputPoint[];
}

export interface PlotMeasurement {
  readonly protocol: string;
  readonly dom0Vcpus: number;
  readonly points: readonly { readonly guests: number; readonly iops: number }[];
}

const W = 760;
const H = 470;
const M = { left: 84, right: 24, top: 48, bottom: 64 };
const CURVE_STYLES = [
  { stroke: '#1f6feb', dash: '' },
  { stroke: '#d1242f', dash: '7 5' },
  { stroke: '#8250df', dash: '2 4' },
];

/** A round tick step giving about `target` intervals up to `max`. */
export function niceStep(max: number, target = 8): number {
  const raw = max / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const unit = [1, 2, 2.5, 5, 10].find((u) => u * mag >= raw)!;
  return unit * mag;
}

/** `0`, `250k`, `1.5M`. */
export function iopsTick(v: number): string {
  if (v === 0) return '0';
  if (v >= 1e6) return `${Number((v / 1e6).toFixed(2))}M`;
  return `${Number((v / 1e3).toFixed(1))}k`;
}

const r1 = (v: number): string => String(Math.round(v * 10) / 10);

/**
 * The throughput plot as a standalone SVG document: each modelled curve over its
 * guest counts, and the measurements as separate black diamonds, labelled as
 * measurements. Deterministic text (coordinates rounded to 0.1 px).
 */
export function renderThroughputSvg(curves: readonly PlotCurve[], measured: PlotMeasurement): string {
  const maxGuests = Math.max(...curves.flatMap((c) => c.points.map((p) => p.guests)), ...measured.points.map((p) => p.guests));
  const maxIops = Math.max(...curves.flatMap((c) => c.points.map((p) => p.iops)), ...measured.points.map((p) => p.iops));
  const step = niceStep(maxIops * 1.08);
  const yMax = Math.ceil((maxIops * 1.08) / step) * step;
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const sx = (g: number): number => M.left + ((g - 0) / maxGuests) * pw;
  const sy = (v: number): number => M.top + ph - (v / yMax) * ph;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="plot-title plot-desc" font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="13">`,
    '<title id="plot-title">Modelled I/O throughput against the number of guests</title>',
    `<desc id="plot-desc">${x(
      curves.map((c) => `${c.label}: ${c.points.map((p) => `${p.guests} guests ${Math.round(p.iops)} IOPS`).join(', ')}`).join('. ') +
        `. Measured in 2012 (${measured.protocol}, ${measured.dom0Vcpus} dom0 vCPUs): ` +
        measured.points.map((p) => `${p.guests} guests ${p.iops} IOPS`).join(', '),
    )}</desc>`,
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${W / 2}" y="26" text-anchor="middle" font-size="16" font-weight="600">Modelled dom0 I/O throughput against guests (${measured.dom0Vcpus} dom0 vCPUs)</text>`,
  ];
  for (let v = 0; v <= yMax + step / 2; v += step) {
    out.push(`<line x1="${M.left}" y1="${r1(sy(v))}" x2="${W - M.right}" y2="${r1(sy(v))}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${M.left - 8}" y="${r1(sy(v) + 4)}" text-anchor="end" fill="#374151">${iopsTick(v)}</text>`);
  }
  for (let g = 1; g <= maxGuests; g++) {
    out.push(`<line x1="${r1(sx(g))}" y1="${M.top + ph}" x2="${r1(sx(g))}" y2="${M.top + ph + 5}" stroke="#374151"/>`);
    out.push(`<text x="${r1(sx(g))}" y="${M.top + ph + 20}" text-anchor="middle" fill="#374151">${g}</text>`);
  }
  out.push(`<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${M.top + ph}" stroke="#374151"/>`);
  out.push(`<line x1="${M.left}" y1="${M.top + ph}" x2="${W - M.right}" y2="${M.top + ph}" stroke="#374151"/>`);
  out.push(`<text x="${M.left + pw / 2}" y="${H - 14}" text-anchor="middle" fill="#111827">guests doing parallel I/O</text>`);
  out.push(
    `<text x="18" y="${M.top + ph / 2}" text-anchor="middle" fill="#111827" transform="rotate(-90 18 ${M.top + ph / 2})">total I/O operations per second</text>`,
  );
  curves.forEach((c, i) => {
    const style = CURVE_STYLES[i % CURVE_STYLES.length]!;
    const pts = c.points.map((p) => `${r1(sx(p.guests))},${r1(sy(p.iops))}`).join(' ');
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
    out.push(`<polyline class="curve" data-key="${x(c.key)}" points="${pts}" fill="none" stroke="${style.stroke}" stroke-width="2.5"${dash}/>`);
    for (const p of c.points) out.push(`<circle cx="${r1(sx(p.guests))}" cy="${r1(sy(p.iops))}" r="3" fill="${style.stroke}"/>`);
  });
  for (const p of measured.points) {
    const cx = sx(p.guests);
    const cy = sy(p.iops);
    out.push(
      `<path class="measurement" d="M ${r1(cx)} ${r1(cy - 7)} L ${r1(cx + 7)} ${r1(cy)} L ${r1(cx)} ${r1(cy + 7)} L ${r1(cx - 7)} ${r1(cy)} Z" fill="#111827"/>`,
    );
    // Labelled to the left: the curves rise to the right of a measurement at few guests and fall to its right at many.
    out.push(`<text x="${r1(cx - 12)}" y="${r1(cy + 4)}" text-anchor="end" fill="#111827" font-weight="600">${p.iops.toLocaleString('en-US')} measured</text>`);
  }
  const lx = M.left + 14;
  let ly = M.top + 14;
  const legendText = [...curves.map((c) => `model: ${c.label}`), `measured 2012, ${measured.protocol}`];
  const legendWidth = Math.round(Math.max(...legendText.map((t) => t.length)) * 6.8 + 52);
  out.push(`<rect x="${lx - 8}" y="${ly - 12}" width="${legendWidth}" height="${22 * (curves.length + 1) + 6}" fill="#ffffff" stroke="#d1d5db" rx="4"/>`);
  curves.forEach((_c, i) => {
    const style = CURVE_STYLES[i % CURVE_STYLES.length]!;
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
    out.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 28}" y2="${ly}" stroke="${style.stroke}" stroke-width="2.5"${dash}/>`);
    out.push(`<text x="${lx + 36}" y="${ly + 4}">${x(legendText[i]!)}</text>`);
    ly += 22;
  });
  out.push(`<path d="M ${lx + 14} ${ly - 6} L ${lx + 20} ${ly} L ${lx + 14} ${ly + 6} L ${lx + 8} ${ly} Z" fill="#111827"/>`);
  out.push(`<text x="${lx + 36}" y="${ly + 4}">${x(legendText[curves.length]!)}</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
