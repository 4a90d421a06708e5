import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeError, fail } from '../util/errors.js';
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

/**
 * Writes `text` to `path`, creating its folder. A path that cannot be written (a file
 * where a folder should be, no permission) is an IO error naming it, not a crash.
 */
export function writeTextFile(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (err) {
    fail('IO', `cannot write ${path}: ${describeError(err)}`);
  }
}

/** Writes a trace as `<dir>/<property>.itf.json` (replayable) and `<dir>/<property>.txt`. */
export function writeTrace(dir: string, trace: Trace): WrittenTrace {
  const base = join(dir, slug(trace.property));
  const json = `${base}.itf.json`;
  const text = `${base}.txt`;
  writeTextFile(json, JSON.stringify(toItf(trace), null, 1) + '\n');
  writeTextFile(text, renderTraceText(trace, `gntcheck replay ${json}`) + '\n');
  return { property: trace.property, json, text };
}
