import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MODELS } from '../../models/index.js';
import { runReport } from '../cli/reportCommand.js';
import { REPORT_FILES } from './runReports.js';

/**
 * The HTML report as a user sees it: `gntcheck report` writes it, Debian's Chromium
 * opens it headless from disk (no network), and the page must load without errors,
 * render its sequence diagrams and show the lru variant's counterexample.
 */
const CHROMIUM = process.env['GNTCHECK_CHROMIUM'] ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(`SKIPPED the HTML report browser test: no Chromium at ${CHROMIUM} (apt-get install chromium, or set GNTCHECK_CHROMIUM)`);
}
const SCREENSHOT = process.env['GNTCHECK_SCREENSHOT'] ?? join(tmpdir(), 'gntcheck-report.png');
const root = new URL('../../', import.meta.url).pathname;

describe.skipIf(!haveChromium)('the HTML report in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gntcheck-e2e-'));
  let browser: Browser;
  let page: Page;
  let exitCode = -1;
  const problems: string[] = [];

  beforeAll(async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      exitCode = runReport(MODELS, [join(root, 'specs/blkif/variant-lru.json'), join(root, 'specs/blkif/pre-2012.json'), '--out', dir, '--no-progress']);
    } finally {
      out.mockRestore();
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) problems.push(`network request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(join(dir, REPORT_FILES.html)).href);
    await page.waitForFunction(() => document.documentElement.dataset['diagrams'] !== 'pending', null, { timeout: 60_000 });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads without page errors, console errors or network requests', async () => {
    expect(exitCode).toBe(0);
    expect(await page.title()).toBe('gntcheck design review');
    expect(problems).toEqual([]);
  });

  it('renders the sequence diagram to SVG', async () => {
    expect(await page.evaluate(() => document.documentElement.dataset['diagrams'])).toBe('rendered');
    const diagram = page.locator('#cx-blkif-lru-unmaponlyondisconnect .diagram svg');
    await expect.poll(() => diagram.count()).toBe(1);
    const text = await diagram.textContent();
    for (const lane of ['Frontend', 'Backend', 'Hypervisor', 'TLBs']) expect(text).toContain(lane);
    expect(text).toContain('9. LruPurge(g=0) (1 unmap hypercall op)');
    expect(text).toContain("flush every backend vCPU's TLB (2 IPIs)");
    expect(text).toContain('✗ step 9: action property unmapOnlyOnDisconnect fails at this step');
    expect(await page.locator('pre.mermaid:not(:has(svg))').count()).toBe(0);
  });

  it('shows the lru counterexample step by step, the failing step marked', async () => {
    const article = page.locator('#cx-blkif-lru-unmaponlyondisconnect');
    await expect.poll(() => article.isVisible()).toBe(true);
    expect(await article.locator('h3').textContent()).toContain('blkif-lru: unmapOnlyOnDisconnect');
    const breaking = article.locator('table.steps tr.breaks');
    expect(await breaking.count()).toBe(1);
    expect(await breaking.textContent()).toContain('LruPurge(g=0)');
    expect(await breaking.textContent()).toContain('pin[0]: 1 → 0');
    await article.screenshot({ path: SCREENSHOT });
  });

  it('draws the throughput plot beside its assumptions', async () => {
    expect(await page.locator('#throughput-plot svg polyline.curve').count()).toBe(2);
    expect(await page.locator('#throughput-plot svg path.measurement').count()).toBe(2);
    expect(await page.locator('#cost aside').textContent()).toContain('Each map or unmap hypercall op costs 1 µs (assumed).');
    await page.locator('#cost').screenshot({ path: SCREENSHOT.replace(/\.png$/, '-cost.png') });
  });
});
