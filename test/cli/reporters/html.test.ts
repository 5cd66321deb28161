import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create } from 'xmlbuilder2';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { escapeHtml } from '../../../src/cli/reporters/html-escape.ts';
import { renderHtml } from '../../../src/cli/reporters/html.ts';
import { eventText, layoutSwimlanes } from '../../../src/cli/reporters/swimlane-layout.ts';
import { captureCliOutput } from '../../fixtures/capture-cli.ts';
import { goldenCopy } from './golden-fixture.ts';
import { asyncCounterexample, handBuiltReport, HOSTILE } from './html-fixture.ts';

const io = captureCliOutput();

/** The `<svg>` of one role (`expected`, `actual`) in a page. */
function svgOf(page: string, role: string): string {
  const m = new RegExp(`<svg [^>]*data-role="${role}"[^]*?</svg>`).exec(page);
  if (m === null) throw new Error(`no ${role} svg`);
  return m[0];
}

const count = (text: string, pattern: RegExp): number => [...text.matchAll(new RegExp(pattern, 'g'))].length;

describe('layoutSwimlanes', () => {
  it('should lay out one lane per activation: running from entry to exit edge, suspended from yield to resume, an arrow per wake', () => {
    const layout = layoutSwimlanes(asyncCounterexample().actual.events);
    expect(layout.length).toBe(10);
    expect(layout.lanes.map((l) => [l.activation, l.code])).toEqual([[1, 'main'], [2, HOSTILE]]);
    expect(layout.lanes[0]!.running).toEqual([{ from: 0, to: 3, open: false }, { from: 8, to: 9, open: false }]);
    expect(layout.lanes[0]!.suspended).toEqual([{ from: 3, to: 8, open: false }]);
    expect(layout.lanes[1]!.running).toEqual([{ from: 1, to: 2, open: false }, { from: 5, to: 6, open: false }]);
    expect(layout.lanes[1]!.suspended).toEqual([{ from: 2, to: 5, open: false }]);
    expect(layout.wakes).toEqual([{ index: 7, to: 1, from: 2, fromIndex: 6 }]);
    expect(layout.unattached).toEqual([]);
  });

  it('should leave open what the trace ends in, and put records of no activation apart', () => {
    const layout = layoutSwimlanes([
      { kind: 'call', code: 'f', activation: 1 },
      { kind: 'call', code: 'g', activation: 2 },
      { kind: 'yield', code: 'g', activation: 2 },
      { kind: 'dropped', code: '', activation: 0, waker: 3 },
    ]);
    expect(layout.lanes[0]!.running).toEqual([{ from: 0, to: 3, open: true }]);
    expect(layout.lanes[1]!.suspended).toEqual([{ from: 2, to: 3, open: true }]);
    expect(layout.unattached).toEqual([{ index: 3, kind: 'dropped', text: 'dropped 3' }]);
  });

  it('should write events as canonical text', () => {
    expect(eventText({ kind: 'wake', code: 'main', activation: 1, waker: 2 })).toBe('wake main #1 by #2');
    expect(eventText({ kind: 'await', code: 'main', activation: 1, waker: 0 })).toBe('await main #1 on ?');
    expect(eventText({ kind: 'resume', code: 'g', activation: 3 })).toBe('resume g #3');
  });
});

describe('renderHtml', () => {
  it('should escape every string from the run: no markup from a function name, a message or a path survives', () => {
    const page = renderHtml(handBuiltReport());
    expect(escapeHtml(`<f "a" & 'b'>`)).toBe('&lt;f &quot;a&quot; &amp; &#39;b&#39;&gt;');
    expect(page).not.toContain(HOSTILE);
    expect(page).not.toContain('<script');
    expect(page).not.toContain('t<x>');
    expect(page).not.toContain('<b> #3');
    expect(page).toContain(escapeHtml(HOSTILE));
    expect(page).toContain('+return &lt;b&gt; #3'); // the golden's text, shown as text
  });

  it('should draw well-formed SVG with a lane per activation, boxes, gaps, the wake arrow and the first violation', () => {
    const page = renderHtml(handBuiltReport());
    for (const role of ['expected', 'actual']) {
      const svg = svgOf(page, role);
      expect(() => create(svg)).not.toThrow(); // well-formed XML: every name escaped
      expect(count(svg, /<g class="lane" data-activation="\d+"/)).toBe(2);
      expect(count(svg, /<rect class="running/)).toBe(4);
      expect(count(svg, /<line class="suspended/)).toBe(2);
      expect(count(svg, /<path class="wake"/)).toBe(1);
      expect(count(svg, /<g class="event /)).toBe(10);
      expect(svg).toContain('class="violation-column"'); // a sync-order counterexample: both traces marked
    }
    const actual = svgOf(page, 'actual');
    expect(count(actual, /data-first-violation="5"/)).toBe(1);
    expect(actual).toMatch(/<g class="event kind-resume violated" data-index="5">/);
    expect(svgOf(page, 'expected')).not.toContain('violated');
  });

  it('should mark only the actual trace of an async counterexample (the model order is its own)', () => {
    const report = handBuiltReport();
    const part = { ...report.parts[0]!, counterexample: { ...asyncCounterexample(), schedule: 't1 t2' } };
    const page = renderHtml({ ...report, parts: [part] });
    expect(svgOf(page, 'expected')).not.toContain('violation-column');
    expect(svgOf(page, 'actual')).toContain('data-first-violation="5"');
    expect(page).toContain('<pre class="schedule">t1 t2</pre>');
  });

  it('should label a golden\'s traces as stored and produced, and keep the failure\'s text one click away', () => {
    const report = handBuiltReport();
    const part = { ...report.parts[0]!, counterexample: { ...asyncCounterexample(), golden: 'traces/x.trace' } };
    const page = renderHtml({ ...report, parts: [part] });
    expect(page).toContain('<h3>trace: expected (traces/x.trace, as stored) vs actual (as the run produced it)</h3>');
    expect(page).toContain('<details class="as-text"><summary>the same failure as text</summary>\n<pre class="details">program ...</pre></details>');
  });

  it('should show the source, the violations, the replay, the skips and the coverage, and fetch nothing', () => {
    const page = renderHtml(handBuiltReport());
    expect(page).toContain('<pre class="source"><code><span class="line"><span class="ln">1</span>async function main() {</span>');
    expect(page).toMatch(/<li class="first"><code>model\/mismatch<\/code> at event 5: want throw/);
    expect(page).toContain('replay: <code>npx trace-harness check --suite generators --seed 7 --path 1:2</code>');
    expect(page).toContain('<li>coroutines suite: no enterAsync</li>');
    expect(page).toMatch(/<tr data-key="gen\/throw" class="zero"><td class="mono">gen\/throw<\/td><td>g.throw\(e\) on a suspended generator: throw F<\/td><td class="num">0<\/td>/);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(page).not.toMatch(/\b(src|href)=/); // no script, stylesheet, image or link to load
    expect(count(page, /<article class="failure"/)).toBe(2); // the suite and the failed golden
  });
});

describe('check --reporter html', () => {
  it('should write the page to its --output-file, with the counterexample of the failed suite', async () => {
    const dir = goldenCopy();
    const file = join(dir, 'r.html');
    const code = await main(['check', '--suite', 'generators', '--runs', '300', '--seed', '11', '--golden', dir, '--tracer', 'test/fixtures/tracer-throw-as-resume.ts', '--reporter', 'html', '--output-file', file]);
    expect(code).toBe(1);
    expect(io.out).toBe(''); // the page goes to its file only
    const page = readFileSync(file, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<h3>program (JavaScript, as run under the tracer)</h3>');
    expect(page).toContain('data-first-violation=');
    expect(page).toContain('<section id="coverage">');
  });

  it('should draw the wake the model expects and the tracer lost, in a coroutine counterexample', async () => {
    const dir = goldenCopy();
    const file = join(dir, 'async.html');
    const code = await main(['check', '--suite', 'coroutines', '--runs', '300', '--seed', '3', '--golden', dir, '--tracer', 'test/cli/reporters/lost-wake-tracer.ts', '--reporter', 'html', '--output-file', file]);
    expect(code).toBe(1);
    const page = readFileSync(file, 'utf8');
    const failure = /<article class="failure" id="failure-\d+" data-title="coroutines">[^]*?<\/article>/.exec(page)![0];
    expect(failure).toContain('<h3>schedule (the order timer ticks were released)</h3>');
    expect(count(svgOf(failure, 'expected'), /<path class="wake"/)).toBeGreaterThan(0);
    expect(count(svgOf(failure, 'actual'), /<path class="wake"/)).toBe(0);
    expect(svgOf(failure, 'actual')).toMatch(/<g class="event kind-resume violated"/);
    expect(failure).toMatch(/<li class="first"><code>wake\/missing<\/code>/);
  });
});
