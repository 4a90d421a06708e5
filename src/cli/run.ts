import { MODELS } from '../../models/index.js';
import type { ModelDefinition } from '../model/definition.js';
import { GntcheckError } from '../util/errors.js';

type Command = (models: readonly ModelDefinition[], args: string[]) => number | Promise<number>;

/** Each command's module is loaded only when it runs, so `check` starts without the report, simulation and implementation code. */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  check: async () => (await import('./checkCommand.js')).runCheck,
  list: async () => (await import('./listCommand.js')).runList,
  replay: async () => (await import('./replayCommand.js')).runReplay,
  report: async () => (await import('./reportCommand.js')).runReport,
  simulate: async () => (await import('./simulateCommand.js')).runSimulate,
  conform: async () => (await import('./conformCommand.js')).runConformWithModules,
};

const usage = async (): Promise<string> => `gntcheck: a model checker for hypervisor split-driver protocols

commands:
  check     explore a model (--model) or run specs, and decide their properties
  list      list models (parameters, variants) and specs
  replay    re-run a trace file against its model
  report    run specs and write the design-review report (Markdown, HTML, JSON, JUnit)
  simulate  random runs of a model at any size (fast-check), shrinking the first violation
  conform   replay a trace file on an implementation (--impl), reporting where they diverge

${(await import('./checkCommand.js')).CHECK_USAGE}`;

/**
 * The whole command line, in-process (main.ts is the executable): writes to stdout and
 * stderr and returns the exit code: 0 ok, 1 violation, 2 incomplete, 3 bad input (one
 * line on stderr, `gntcheck: error: CODE: message`), 4 internal error.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const load = command === undefined ? undefined : COMMANDS[command];
    if (load !== undefined) return await (await load())(MODELS, rest);
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write((await usage()) + '\n');
        return command === undefined ? 3 : 0;
      default:
        process.stderr.write(`gntcheck: error: BAD_OPTION: unknown command ${JSON.stringify(command)} (try gntcheck help)\n`);
        return 3;
    }
  } catch (err) {
    if (err instanceof GntcheckError) {
      process.stderr.write(`gntcheck: error: ${err.code}: ${err.message}\n`);
      return 3;
    }
    const e = err as Error;
    if (e instanceof RangeError && /Array buffer allocation failed|Invalid typed array length/.test(e.message)) {
      process.stderr.write(`gntcheck: error: out of memory allocating the state store (${e.message}); lower --max-memory\n`);
      return 2;
    }
    process.stderr.write(`gntcheck: internal error: ${e?.message ?? String(err)}\n`);
    if (process.env['GNTCHECK_DEBUG']) process.stderr.write(`${e?.stack ?? ''}\n`);
    else process.stderr.write('  (set GNTCHECK_DEBUG=1 for a stack trace, and please report it)\n');
    return 4;
  }
}

