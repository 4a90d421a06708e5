import type { PropertyOutcome } from '../explore/result.js';
import type { ParamSpecs } from '../model/params.js';

export function paramsText(params: Readonly<Record<string, number | boolean>>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}

/** Only the parameters that differ from the model's defaults (`defaults` when none does). */
export function paramsDiffText(specs: ParamSpecs, params: Readonly<Record<string, number | boolean>>): string {
  const differ = Object.entries(params).filter(([k, v]) => specs[k]?.default !== v);
  return differ.length ? paramsText(Object.fromEntries(differ)) : 'defaults';
}

export const STATUS_WORD = {
  held: 'holds',
  reached: 'reached',
  violated: 'violated',
  'not-reached': 'not reached',
  unknown: 'unknown',
} as const;

/** A compact cell for the side-by-side table; {@link STATUS_LEGEND} explains the symbols. */
export function statusSymbol(p: PropertyOutcome | undefined): string {
  if (!p) return '–';
  switch (p.status) {
    case 'held':
      return '✓';
    case 'reached':
      return '◎';
    case 'violated':
      return `✗ ${p.length}`;
    case 'not-reached':
      return '∅';
    case 'unknown':
      return '?';
  }
}

export const STATUS_LEGEND =
  '✓ holds · ✗ n violated, shortest counterexample n steps · ◎ reached (a witness exists) · ∅ never reached · ? undecided (run incomplete) · – not a property of this instance';

/** A per-request cost: three decimals, or two significant digits below 0.001. */
export function perRequestText(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) < 0.001) return v.toPrecision(2);
  return String(Number(v.toFixed(3)));
}

export function countText(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function secondsText(ms: number): string {
  return (ms / 1000).toFixed(2);
}
