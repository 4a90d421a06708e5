import { MODELS } from '../../models/index.js';
import { GntcheckError } from '../util/errors.js';
import { CHECK_USAGE, runCheck } from './checkCommand.js';
import { runConform } from './conformCommand.js';
import { runList } from './listCommand.js';
import { runReplay } from './replayCommand.js';
import { runReport } from './reportCommand.js';
import { runSimulate } from './simulateCommand.js';

const USAGE = `gntcheck: a model checker for hypervisor split-driver protocols

commands:
  check     explore a model (--model) or run specs, and decide their properties
  list      list models (parameters, variants) and specs
  replay    re-run a trace file against its model
  report    run specs and write the design-review report (Markdown, HTML, JSON, JUnit)
  simulate  random runs of a model at any size (fast-check), shrinking the first violation
  conform   replay a trace file on an implementation (--impl), reporting where they diverge

${CHECK_USAGE}`;

/**
 * The whole command line, in-process (main.ts is the executable): writes to stdout and
 * stderr and returns the exit code: 0 ok, 1 violation, 2 incomplete, 3 bad input (one
 * line on stderr, `gntcheck: error: CODE: message`), 4 internal error.
 */
export function runCli(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return runCheck(MODELS, rest);
      case 'list':
        return runList(MODELS, rest);
      case 'replay':
        return runReplay(MODELS, rest);
      case 'report':
        return runReport(MODELS, rest);
      case 'simulate':
        return runSimulate(MODELS, rest);
      case 'conform':
        return runConform(MODELS, rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE + '\n');
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

