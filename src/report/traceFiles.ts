import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toItf } from '../trace/itf.js';
import { renderTraceText } from '../trace/text.js';
import type { Trace } from '../trace/trace.js';

/** A file-system-safe name: letters, digits, dot, dash, underscore. */
export function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

export interface WrittenTrace {
  readonly property: string;
  readonly json: string;
  readonly text: string;
}

/** Writes a trace as `<dir>/<property>.itf.json` (replayable) and `<dir>/<property>.txt`. */
export function writeTrace(dir: string, trace: Trace): WrittenTrace {
  mkdirSync(dir, { recursive: true });
  const base = join(dir, slug(trace.property));
  const json = `${base}.itf.json`;
  const text = `${base}.txt`;
  writeFileSync(json, JSON.stringify(toItf(trace), null, 1) + '\n');
  writeFileSync(text, renderTraceText(trace, `gntcheck replay ${json}`) + '\n');
  return { property: trace.property, json, text };
}
