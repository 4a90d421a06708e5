import { readFileSync } from 'node:fs';
import { findDefinition, instantiate, type ModelDefinition } from '../model/definition.js';
import { fromItf } from '../trace/itf.js';
import { replayTrace } from '../trace/replay.js';
import { formatValue } from '../trace/diff.js';
import { describeError, fail, GntcheckError } from '../util/errors.js';
import type { AnyModel } from '../model/model.js';
import type { Trace } from '../trace/trace.js';
import { parse } from './args.js';

/**
 * `gntcheck replay trace.json`: rebuilds the model the trace names and re-runs it.
 * Exit 0 when it replays (and its property is reproduced), 1 when it diverges.
 */
export function runReplay(registry: readonly ModelDefinition[], argv: readonly string[]): number {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  if (positionals.length !== 1) fail('BAD_OPTION', 'usage: gntcheck replay <trace.itf.json> [--json]');
  const file = positionals[0]!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return fail('IO', `cannot read ${file}: ${describeError(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return fail('BAD_TRACE', `${file}: not valid JSON: ${describeError(err)}`);
  }
  // Errors in the file (not a trace, an unknown model or parameter) name it.
  let trace: Trace;
  let model: AnyModel;
  try {
    trace = fromItf(json);
    model = instantiate(findDefinition(registry, trace.origin.model), trace.origin.params, trace.origin.variant).model;
  } catch (err) {
    if (err instanceof GntcheckError) throw new GntcheckError(err.code, `${file}: ${err.message}`);
    throw err;
  }
  const outcome = replayTrace(model, trace);
  if (values['json']) {
    process.stdout.write(JSON.stringify({ file, model: model.name, ...outcome }) + '\n');
  } else if (outcome.ok) {
    process.stdout.write(`${file}: ${outcome.message}\n`);
  } else {
    const lines = [`${file}: diverges at step ${outcome.step} (${outcome.reason})`, `  ${outcome.message}`];
    for (const c of outcome.changes) lines.push(`    ${c.path}: trace has ${formatValue(c.before)}, model has ${formatValue(c.after)}`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  return outcome.ok && outcome.propertyReproduced !== false ? 0 : 1;
}
