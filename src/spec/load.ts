import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describeError, fail } from '../util/errors.js';
import { parseSpec, type Spec } from './spec.js';

/** Loads one spec file, or every `*.json` spec under a folder (recursively, sorted by path). */
export function loadSpecs(path: string): Spec[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    return fail('IO', `no such spec file or folder: ${path}`);
  }
  const files = st.isDirectory() ? listJson(path) : [path];
  if (files.length === 0) fail('BAD_SPEC', `${path}: no *.json spec files`);
  const specs = files.map((f) => {
    const shown = relative(process.cwd(), f) || f;
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (err) {
      return fail('IO', `cannot read ${f}: ${describeError(err)}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      return fail('BAD_SPEC', `${shown}: not valid JSON: ${describeError(err)}`);
    }
    return parseSpec(shown, json);
  });
  const seen = new Map<string, string>();
  for (const s of specs) {
    const other = seen.get(s.name);
    if (other) fail('BAD_SPEC', `two specs are named ${s.name}: ${other} and ${s.file}`);
    seen.set(s.name, s.file);
  }
  return specs;
}

function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJson(p));
    else if (entry.name.endsWith('.json')) out.push(p);
  }
  return out;
}
