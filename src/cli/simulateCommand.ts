import { join } from 'node:path';
import { findDefinition, instantiate, type ModelDefinition } from '../model/definition.js';
import { parseAssignments } from '../model/params.js';
import { slug, writeTrace } from '../report/traceFiles.js';
import { reproduceCommand, renderSimulationText, simulationToJson } from '../simulate/render.js';
import { simulate } from '../simulate/simulate.js';
import { fail } from '../util/errors.js';
import { intOption, parse } from './args.js';

export const SIMULATE_USAGE = `usage:
  gntcheck simulate --model <id> [--set KEY=VALUE ...] [--variant <name>] [options]

Random runs of the model (fast-check), every property checked along each run; the
first violation is shrunk to a short counterexample, printed and written like check's.

options:
  --runs N            runs to draw (default 100)
  --depth N           most actions per run (default 100)
  --seed N            fast-check seed (default: a fresh one, printed)
  --weight TYPE=N     relative weight of an action type when choosing a step (default 1 each)
  --path P            reproduce the counterexample at fast-check path P (same seed, depth, weights)
  --no-deadlock       do not report states without successors
  --no-shrink         report the failing run as found
  --json              one JSON object on stdout
  --out DIR           write the counterexample (ITF JSON and text) to DIR

exit: 0 no violation found, 1 violation, 3 bad input`;

/** `gntcheck simulate`: exit 0 when no run violated a property, 1 when one did. */
export function runSimulate(registry: readonly ModelDefinition[], argv: readonly string[]): number {
  const { values, positionals } = parse(argv, {
    model: { type: 'string' },
    set: { type: 'string', multiple: true },
    variant: { type: 'string' },
    runs: { type: 'string' },
    depth: { type: 'string' },
    seed: { type: 'string' },
    weight: { type: 'string', multiple: true },
    path: { type: 'string' },
    'no-deadlock': { type: 'boolean' },
    'no-shrink': { type: 'boolean' },
    json: { type: 'boolean' },
    out: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (values['help']) {
    process.stdout.write(SIMULATE_USAGE + '\n');
    return 0;
  }
  if (positionals.length > 0) fail('BAD_OPTION', `simulate takes --model <id>, not ${positionals.join(' ')}\n${SIMULATE_USAGE}`);
  const id = values['model'] as string | undefined;
  if (id === undefined) fail('BAD_OPTION', `simulate needs --model <id>\n${SIMULATE_USAGE}`);
  const sets = parseAssignments((values['set'] as string[] | undefined) ?? []);
  const variant = (values['variant'] as string | undefined) ?? null;
  const { model, origin } = instantiate(findDefinition(registry, id), sets, variant);
  const result = simulate(
    model,
    {
      runs: intOption(values, 'runs'),
      depth: intOption(values, 'depth'),
      seed: intOption(values, 'seed'),
      path: (values['path'] as string | undefined) ?? null,
      weights: parseWeights((values['weight'] as string[] | undefined) ?? []),
      deadlock: values['no-deadlock'] !== true,
      shrink: values['no-shrink'] !== true,
    },
    origin,
  );
  const reproduce = result.status === 'violation' ? reproduceCommand(origin, result.reproduction, sets) : null;
  const out = values['out'] as string | undefined;
  let written: string | null = null;
  if (out !== undefined && result.status === 'violation') {
    written = writeTrace(join(out, slug(`${id}${variant ? '-' + variant : ''}`)), result.violation.trace).json;
  }
  if (values['json']) {
    process.stdout.write(JSON.stringify(simulationToJson(result, reproduce)) + '\n');
  } else {
    process.stdout.write(renderSimulationText(result, reproduce, written ? `gntcheck replay ${written}` : undefined) + '\n');
    if (written) process.stdout.write(`wrote ${written}\n`);
  }
  return result.status === 'ok' ? 0 : 1;
}

/** `--weight TYPE=N` values; the action types are checked against the model later. */
function parseWeights(items: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const m = /^([A-Za-z_][\w-]*)=(\d+)$/.exec(item.trim());
    if (!m || Number(m[2]) < 1 || !Number.isSafeInteger(Number(m[2]))) {
      fail('BAD_OPTION', `--weight expects TYPE=N with N a positive integer, got ${JSON.stringify(item)}`);
    }
    out[m[1]!] = Number(m[2]);
  }
  return out;
}
