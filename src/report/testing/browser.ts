import { existsSync } from 'node:fs';

/** The environment variable that makes a missing browser a test failure (`.ci/run` sets it). */
export const REQUIRE_BROWSER_ENV = 'GNTCHECK_REQUIRE_BROWSER';
/** Where the browser test looks for Chromium, unless GNTCHECK_CHROMIUM says otherwise. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export type BrowserTestPlan =
  | { readonly mode: 'run'; readonly chromium: string }
  | { readonly mode: 'skip'; readonly message: string }
  | { readonly mode: 'fail'; readonly message: string };

/**
 * Whether the HTML report's browser test runs: with a Chromium it runs; without one it
 * is skipped on a developer's machine, but fails where GNTCHECK_REQUIRE_BROWSER is set
 * (to anything but empty or `0`), so that CI cannot pass without having opened the page.
 */
export function planBrowserTest(env: Readonly<Record<string, string | undefined>>, exists: (path: string) => boolean = existsSync): BrowserTestPlan {
  const chromium = env['GNTCHECK_CHROMIUM'] || DEFAULT_CHROMIUM;
  if (exists(chromium)) return { mode: 'run', chromium };
  const required = env[REQUIRE_BROWSER_ENV] !== undefined && env[REQUIRE_BROWSER_ENV] !== '' && env[REQUIRE_BROWSER_ENV] !== '0';
  const install = 'apt-get install chromium, or set GNTCHECK_CHROMIUM';
  return required
    ? { mode: 'fail', message: `no Chromium at ${chromium} and ${REQUIRE_BROWSER_ENV} is set: the HTML report browser test cannot run (${install})` }
    : { mode: 'skip', message: `SKIPPED the HTML report browser test: no Chromium at ${chromium} (${install})` };
}
