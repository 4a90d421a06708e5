import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fail } from '../util/errors.js';

/**
 * The compiled entry of a thread of a parallel run. Threads always run the build in
 * dist/: next to this module when it is itself compiled, and under dist/ when it runs
 * from its TypeScript source (vitest), since Node cannot start a worker on a .ts file.
 * So tests of the parallel mode need `npm run build` first (`npm test` does it).
 */
export function threadScript(name: 'coordinatorThread' | 'worker'): URL {
  const here = import.meta.url;
  const url = here.endsWith('.ts') ? new URL(`../../dist/src/parallel/${name}.js`, here) : new URL(`./${name}.js`, here);
  if (!existsSync(fileURLToPath(url))) {
    fail('IO', `cannot find ${fileURLToPath(url)}: parallel exploration runs the compiled checker; build it first (npm run build)`);
  }
  return url;
}
