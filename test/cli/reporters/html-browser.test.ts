// The html report in a real browser (issue 16): Debian's chromium (.ci/run installs it) driven by
// playwright-core, the page opened from a file:// URL with the network closed. Requires /usr/bin/chromium and
// the build (dist/, as `npm test`'s pretest and .ci/run make it): the README's failing example runs the built
// executable against test/fixtures/buggy-tracer.mjs, which imports the built package.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport, ReportTrace } from '../../../src/cli/reporters/check-report.ts';
import { renderHtml } from '../../../src/cli/reporters/html.ts';
import { handBuiltReport } from './html-fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const BIN = 'dist/src/cli/bin.js';
/** Flags for a closed network: without them Chromium keeps trying its services and floods refused connections. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Generous: the machine may be shared and slow; no test asserts a duration. */
const TIMEOUT_MS = 120_000;

const dir = mkdtempSync(join(tmpdir(), 'th-html-browser-'));
let context: BrowserContext;

/** What a page did while it loaded: console errors, uncaught errors, every request. */
interface Visit {
  readonly page: Page;
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly requests: string[];
}

async function open(file: string): Promise<Visit> {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const visit: Visit = { page, consoleErrors: [], pageErrors: [], requests: [] };
  page.on('console', (m) => void (m.type() === 'error' && visit.consoleErrors.push(m.text())));
  page.on('pageerror', (e) => void visit.pageErrors.push(e.message));
  page.on('request', (r) => void visit.requests.push(r.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return visit;
}

const activations = (trace: ReportTrace): number => new Set(trace.events.map((e) => e.activation).filter((a) => a > 0)).size;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium; .ci/run does)`);
  if (!existsSync(BIN)) throw new Error(`${BIN} not found: run npm run build first (npm test's pretest does)`);
  context = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: ARGS, timeout: TIMEOUT_MS, viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await context?.close();
});

describe('the html report of the README failing example in headless Chromium', () => {
  it('should open from a file with no console error, no page error and no request but the file, and show the counterexample', async ({ annotate }) => {
    // Arrange: the README's failing run (check --tracer test/fixtures/buggy-tracer.mjs --seed 42), with html and json reports.
    const html = join(dir, 'report.html');
    const json = join(dir, 'report.json');
    const run = spawnSync(process.execPath, [BIN, 'check', '--tracer', 'test/fixtures/buggy-tracer.mjs', '--seed', '42', '--reporter', 'pretty', '--reporter', 'html', '--reporter', 'json', '--output-file', `html=${html}`, '--output-file', `json=${json}`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(readFileSync(json, 'utf8')) as CheckReport;
    const cx = report.parts.find((p) => p.name === 'generators')!.counterexample!;

    // Act
    const { page, consoleErrors, pageErrors, requests } = await open(html);

    // Assert: a clean load that fetched nothing.
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(html).href]);
    expect(await page.title()).toBe('trace-harness check: FAILED (exit 1)');
    // The generators suite's shrunk program, its lanes (one per activation), and its first violation.
    const failure = page.locator('article.failure[data-title="generators"]');
    expect(await failure.locator('pre.source').innerText()).toBe(cx.source.split('\n').map((l, i) => `${i + 1}${l}`).join('\n'));
    expect(await failure.locator('pre.source').innerText()).toContain('it1.throw(new Tagged("E1"));');
    expect(await failure.locator('svg[data-role="actual"] g.lane').count()).toBe(activations(cx.actual));
    expect(await failure.locator('svg[data-role="expected"] g.lane').count()).toBe(activations(cx.expected));
    expect(await failure.locator('svg[data-role="actual"] g.lane').first().isVisible()).toBe(true);
    expect(await failure.locator('[data-first-violation]').getAttribute('data-first-violation')).toBe(String(cx.firstViolation));
    const violated = failure.locator('svg[data-role="actual"] g.event.violated');
    expect(await violated.getAttribute('data-index')).toBe(String(cx.firstViolation));
    expect(await violated.getAttribute('class')).toContain('kind-resume'); // the bug: resume recorded for g.throw()
    expect(await failure.locator('ol.violations li.first').innerText()).toContain('model/mismatch at event 3');
    // The coverage table: a row per event-semantics row.
    expect(await page.locator('#coverage table.coverage-rows tbody tr').count()).toBe(Object.keys(report.coverage!.rows).length);

    const full = join(dir, 'report.png');
    const detail = join(dir, 'generators-failure.png');
    await page.screenshot({ path: full, fullPage: true });
    await failure.screenshot({ path: detail });
    expect(readFileSync(detail).subarray(1, 4).toString()).toBe('PNG');
    await annotate(`screenshots: ${full} (whole page), ${detail} (the generators failure)`);
    console.log(`html report screenshots: ${full}, ${detail}`);
  });

  it('should draw the wake arrow of an async counterexample and keep a hostile function name as text', async ({ annotate }) => {
    // Arrange: a hand-built report whose function name holds markup.
    const html = join(dir, 'async.html');
    writeFileSync(html, renderHtml(handBuiltReport()));

    // Act
    const { page, consoleErrors, pageErrors, requests } = await open(html);

    // Assert
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(html).href]);
    expect(await page.locator('script').count()).toBe(0); // the name's <script> stayed text
    const actual = page.locator('svg[data-role="actual"]');
    expect(await actual.locator('g.lane').count()).toBe(2);
    expect(await actual.locator('path.wake').count()).toBe(1);
    const arrow = await actual.locator('path.wake').boundingBox();
    expect(arrow!.width).toBeGreaterThan(0);
    expect(await actual.locator('g.lane[data-activation="2"] text.lane-label').textContent()).toContain('#2 a<b>&"c\'</svg>');
    const shot = join(dir, 'async-failure.png');
    await page.locator('article.failure').first().screenshot({ path: shot });
    await annotate(`screenshot: ${shot}`);
    console.log(`html report screenshot (async, hand-built): ${shot}`);
  });
});
