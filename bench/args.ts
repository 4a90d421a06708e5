import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * `parseArgs`, but bad flags (unknown, or missing a value) print what is wrong and the
 * usage line on stderr and give null, so the scripts exit with code 3 and no stack trace.
 */
export function parseOrUsage<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> | null {
  try {
    return parseArgs(config);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\nusage: ${usage}\n`);
    return null;
  }
}
