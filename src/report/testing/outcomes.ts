import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODELS } from '../../../models/index.js';
import { runSpec, type SpecOutcome } from '../../spec/evaluate.js';
import { loadSpecs } from '../../spec/load.js';
import { parseSpec, type Spec } from '../../spec/spec.js';

/** Runs bundled spec files (paths relative to the repository root) for report tests. */
export function runBundledSpecs(...files: string[]): SpecOutcome[] {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  return files.flatMap((f) => loadSpecs(join(root, f))).map((s) => runSpec(MODELS, s));
}

/** Runs a spec given as JSON, as if read from `file`. */
export function runInlineSpec(file: string, json: unknown): SpecOutcome {
  const spec: Spec = parseSpec(file, json);
  return runSpec(MODELS, spec);
}
