import { describe, expect, it } from 'vitest';
import { planBrowserTest } from './browser.js';

const none = (): boolean => false;
const only = (path: string) => (p: string): boolean => p === path;

describe('planning the browser test', () => {
  it('runs with the Chromium it finds, at GNTCHECK_CHROMIUM or /usr/bin/chromium', () => {
    expect(planBrowserTest({}, only('/usr/bin/chromium'))).toEqual({ mode: 'run', chromium: '/usr/bin/chromium' });
    expect(planBrowserTest({ GNTCHECK_CHROMIUM: '/opt/c', GNTCHECK_REQUIRE_BROWSER: '1' }, only('/opt/c'))).toEqual({ mode: 'run', chromium: '/opt/c' });
  });

  it('skips without Chromium on a developer machine', () => {
    expect(planBrowserTest({}, none)).toEqual({
      mode: 'skip',
      message: 'SKIPPED the HTML report browser test: no Chromium at /usr/bin/chromium (apt-get install chromium, or set GNTCHECK_CHROMIUM)',
    });
    expect(planBrowserTest({ GNTCHECK_REQUIRE_BROWSER: '' }, none).mode).toBe('skip');
    expect(planBrowserTest({ GNTCHECK_REQUIRE_BROWSER: '0' }, none).mode).toBe('skip');
  });

  it('fails without Chromium where GNTCHECK_REQUIRE_BROWSER is set, as in CI', () => {
    expect(planBrowserTest({ GNTCHECK_REQUIRE_BROWSER: '1', GNTCHECK_CHROMIUM: '/nowhere/chromium' }, none)).toEqual({
      mode: 'fail',
      message:
        'no Chromium at /nowhere/chromium and GNTCHECK_REQUIRE_BROWSER is set: the HTML report browser test cannot run (apt-get install chromium, or set GNTCHECK_CHROMIUM)',
    });
  });
});
