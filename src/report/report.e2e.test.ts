import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MODELS } from '../../models/index.js';
import { runReport } from '../cli/reportCommand.js';
import { REPORT_FILES } from './runReports.js';
import { planBrowserTest } from './testing/browser.js';

/**
 * The HTML report as a user sees it: `gntcheck report` writes it, Debian's Chromium
 * opens it headless from disk (no network), and the page must load without errors,
 * render every sequence diagram and show the lru variant's counterexample. Without a
 * Chromium the test is skipped, or fails where GNTCHECK_REQUIRE_BROWSER is set (CI).
 */
const plan = planBrowserTest(process.env);
if (plan.mode === 'skip') console.warn(plan.message);
const SCREENSHOT = process.env['GNTCHECK_SCREENSHOT'] ?? join(tmpdir(), 'gntcheck-report.png');
const shot = (suffix: string): string => SCREENSHOT.replace(/\.png$/, `-${suffix}.png`);
const root = new URL('../../', import.meta.url).pathname;
/** Specs with 1 + 0 + 3 + 4 + 3 counterexamples, from both blkif models. */
const SPECS = [
  'specs/blkif/variant-lru.json',
  'specs/blkif/pre-2012.json',
  'specs/blkif/variant-flush-after-unpin.json',
  'specs/blkif/variant-teardown-inflight.json',
  'specs/blkif-segments/variant-xsa371.json',
];
const COUNTEREXAMPLES = 11;

describe.skipIf(plan.mode === 'skip')('the HTML report in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gntcheck-e2e-'));
  const pageUrl = pathToFileURL(join(dir, REPORT_FILES.html)).href;
  let browser: Browser;
  let page: Page;
  let exitCode = -1;
  const problems: string[] = [];

  beforeAll(async () => {
    if (plan.mode !== 'run') throw new Error(plan.message);
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      exitCode = runReport(MODELS, [...SPECS.map((s) => join(root, s)), '--out', dir, '--no-progress']);
    } finally {
      out.mockRestore();
    }
    browser = await chromium.launch({ executablePath: plan.chromium, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    // Self-contained: the page itself is the only thing it loads (no script chunks, fonts or styles, local or remote).
    page.on('request', (r) => {
      if (r.url() !== pageUrl && !r.url().startsWith('data:')) problems.push(`request: ${r.url()}`);
    });
    await page.goto(pageUrl);
    await page.waitForFunction(() => document.documentElement.dataset['diagrams'] !== 'pending', null, { timeout: 60_000 });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads without page errors, console errors or requests for anything but itself', async () => {
    expect(exitCode).toBe(0);
    expect(await page.title()).toBe('gntcheck design review');
    expect(problems).toEqual([]);
    await page.screenshot({ path: shot('top') });
  });

  it('renders every sequence diagram to SVG', async () => {
    expect(await page.evaluate(() => document.documentElement.dataset['diagrams'])).toBe('rendered');
    expect(await page.locator('article.counterexample').count()).toBe(COUNTEREXAMPLES);
    expect(await page.locator('pre.mermaid > svg').count()).toBe(COUNTEREXAMPLES);
    expect(await page.locator('pre.mermaid:not(:has(svg))').count()).toBe(0);
    const diagram = page.locator('#cx-blkif-lru-unmaponlyondisconnect .diagram svg');
    expect(await diagram.count()).toBe(1);
    const text = await diagram.textContent();
    for (const lane of ['Frontend', 'Backend', 'Hypervisor', 'TLBs']) expect(text).toContain(lane);
    expect(text).toContain('9. LruPurge(g=0) (1 unmap hypercall op)');
    expect(text).toContain("flush every backend vCPU's TLB (2 IPIs)");
    expect(text).toContain('✗ step 9: action property unmapOnlyOnDisconnect fails at this step');
  });

  it("parses every Mermaid block of summary.md as GitHub gets it, with the page's Mermaid", async () => {
    const md = readFileSync(join(dir, REPORT_FILES.markdown), 'utf8');
    const blocks = [...md.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(COUNTEREXAMPLES);
    const errors = await page.evaluate(async (sources) => {
      const m = (globalThis as unknown as { mermaid: { parse(text: string): Promise<unknown> } }).mermaid;
      const out: string[] = [];
      for (const s of sources) {
        try {
          await m.parse(s);
        } catch (err) {
          out.push(`${String(err)}\n${s.slice(0, 200)}`);
        }
      }
      return out;
    }, blocks);
    expect(errors).toEqual([]);
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

  it('fits the specs table and the side-by-side tables in a 1400-pixel window, parameters wrapping between parameters', async () => {
    const overflow = await page.evaluate(() =>
      [...document.querySelectorAll('#specs .scroll, #variants .scroll')].map((e) => e.scrollWidth - e.clientWidth),
    );
    expect(overflow).toEqual([0, 0, 0]);
    // The blkif-segments table has its measured cost columns too.
    expect(await page.locator('#variants table.comparison').nth(1).locator('th', { hasText: 'flush IPIs / request' }).count()).toBe(1);
    const name = page.locator('#specs td.name a', { hasText: 'blkif-segments-variant-xsa371' });
    const oneLine = await name.evaluate((e) => e.getClientRects().length);
    expect(oneLine).toBe(1);
  });

  it('draws the throughput plot beside its assumptions', async () => {
    expect(await page.locator('#throughput-plot svg polyline.curve').count()).toBe(2);
    expect(await page.locator('#throughput-plot svg path.measurement').count()).toBe(2);
    expect(await page.locator('#cost aside').textContent()).toContain('Each map or unmap hypercall op costs 1 µs (assumed).');
    await page.locator('#cost').screenshot({ path: shot('cost') });
  });
});
