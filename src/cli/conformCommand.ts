import { readFileSync } from 'node:fs';
import { ADAPTERS } from '../../impl/adapters/index.js';
import type { AdapterFactory } from '../conformance/adapter.js';
import { loadAdapterModule } from '../conformance/loadAdapters.js';
import { replayOnImplementation } from '../conformance/replayOnImplementation.js';
import { findDefinition, instantiate, type ModelDefinition } from '../model/definition.js';
import { formatValue } from '../trace/diff.js';
import { fromItf } from '../trace/itf.js';
import { replayTrace } from '../trace/replay.js';
import type { Trace } from '../trace/trace.js';
import { describeError, fail } from '../util/errors.js';
import { parse } from './args.js';

export const CONFORM_USAGE = `usage:
  gntcheck conform <trace.itf.json> [--impl <name>] [--adapter <module.js> ...] [--json]
  gntcheck conform --list [--adapter <module.js> ...]

Replays a trace the checker wrote (check --out, simulate --out) on an implementation,
step by step, and reports the first step where the implementation's state differs from
the model's. --impl names an adapter (default: the first one for the trace's model).
--adapter loads an ES module whose default export (or export named adapters) is an
adapter factory or an array of them; its adapters come first.

exit: 0 the implementation conforms, 1 it diverges, 3 bad input`;

const CONFORM_OPTIONS = {
  impl: { type: 'string' },
  adapter: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  list: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

/** `gntcheck conform` with the user's `--adapter` modules loaded first. */
export async function runConformWithModules(registry: readonly ModelDefinition[], argv: readonly string[]): Promise<number> {
  const files = (parse(argv, CONFORM_OPTIONS).values['adapter'] as string[] | undefined) ?? [];
  const loaded: AdapterFactory[] = [];
  for (const file of files) loaded.push(...(await loadAdapterModule(file)));
  return runConform(registry, argv, [...loaded, ...ADAPTERS]);
}

/**
 * `gntcheck conform`: exit 0 when the implementation follows the trace, 1 at a divergence.
 * `adapters` are the ones to choose from (`--adapter` modules are loaded by {@link runConformWithModules}).
 */
export function runConform(registry: readonly ModelDefinition[], argv: readonly string[], adapters: readonly AdapterFactory[] = ADAPTERS): number {
  const { values, positionals } = parse(argv, CONFORM_OPTIONS);
  if (values['help']) {
    process.stdout.write(CONFORM_USAGE + '\n');
    return 0;
  }
  if (values['list']) {
    const width = Math.max(...adapters.map((a) => a.name.length));
    for (const a of adapters) process.stdout.write(`${a.name.padEnd(width)}  (${a.models.join(', ')}) ${a.description}\n`);
    return 0;
  }
  if (positionals.length !== 1) fail('BAD_OPTION', `conform takes one trace file\n${CONFORM_USAGE}`);
  const file = positionals[0]!;
  const trace = readTrace(file);
  const name = values['impl'] as string | undefined;
  const factory =
    name !== undefined ? adapters.find((a) => a.name === name) : adapters.find((a) => a.models.includes(trace.origin.model));
  if (factory === undefined) {
    fail(
      name !== undefined ? 'BAD_OPTION' : 'BAD_TRACE',
      name !== undefined
        ? `no implementation adapter ${JSON.stringify(name)} (known: ${adapters.map((a) => a.name).join(', ')})`
        : `no implementation adapter reads traces of model ${trace.origin.model}`,
    );
  }
  if (!factory.models.includes(trace.origin.model)) {
    fail('BAD_OPTION', `adapter ${factory.name} reads traces of ${factory.models.join(', ')}, not of ${trace.origin.model}`);
  }
  // The trace's states are the expectations, so they must be the model's own.
  const { model } = instantiate(findDefinition(registry, trace.origin.model), trace.origin.params, trace.origin.variant);
  const onModel = replayTrace(model, trace);
  if (!onModel.ok) fail('BAD_TRACE', `${file} does not replay on its model (${onModel.message}); run gntcheck replay for details`);

  const outcome = replayOnImplementation(trace, factory.create());
  if (values['json']) {
    process.stdout.write(JSON.stringify({ file, impl: factory.name, ...outcome }) + '\n');
  } else if (outcome.ok) {
    process.stdout.write(`${file}: ${factory.name} ${outcome.message}\n`);
  } else {
    const lines = [`${file}: ${factory.name} diverges at step ${outcome.step} (${outcome.reason})`, `  ${outcome.message}`];
    if (outcome.calls.length > 0) lines.push(`  calls: ${outcome.calls.join('; ')}`);
    for (const c of outcome.changes) lines.push(`    ${c.path}: model has ${formatValue(c.before)}, implementation has ${formatValue(c.after)}`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  return outcome.ok ? 0 : 1;
}

function readTrace(file: string): Trace {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return fail('IO', `cannot read ${file}: ${describeError(err)}`);
  }
  try {
    return fromItf(JSON.parse(text));
  } catch (err) {
    if (err instanceof SyntaxError) return fail('BAD_TRACE', `${file}: not valid JSON: ${describeError(err)}`);
    throw err;
  }
}
