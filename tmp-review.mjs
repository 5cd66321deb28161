// Review scratch: compare model (cpython-3.12) vs real CPython via the sysmon adapter. Delete when done.
import fc from 'fast-check';
import fs from 'node:fs';
import { execSync } from 'node:child_process';
import { AdapterWorker, checkPythonProgram, programArbitrary, renderPython, PYTHON_PRELUDE, modelTrace, CPYTHON_PROFILE } from './dist/harness/index.js';

const KIND = { 1: 'call', 2: 'return', 3: 'yield', 4: 'resume', 5: 'throw', 6: 'unwind' };
const fmt = (evs) => evs.map((e) => `${KIND[e.kind] ?? e.kind} ${e.code}#${e.activation}`);
const py = execSync('pyenv prefix 3.12.1').toString().trim() + '/bin/python3';
const started = await AdapterWorker.start([py, (process.env.ADAPTER ?? '/work/main/harness/targets/python/adapter/sysmon_adapter.py')], { language: 'python', timeoutMs: 30000, harnessVersion: 'x' });
if (!started.ok) throw new Error(JSON.stringify(started.verdict));
const worker = started.worker;
let id = 0;
async function check(p) {
  const r = await checkPythonProgram(p, worker, `r-${++id}`);
  return r;
}
function report(name, p, r) {
  const src = renderPython(p).source.slice(PYTHON_PRELUDE.length).replace(/^\n+/, '');
  const exp = fmt(r.expected.events), act = fmt(r.actual.events);
  const lines = [];
  const n = Math.max(exp.length, act.length);
  let first = -1;
  for (let i = 0; i < n; i++) { if (exp[i] !== act[i] && first < 0) first = i; lines.push(`${String(i).padStart(3)} ${(exp[i] ?? '-').padEnd(22)} ${act[i] ?? '-'}${exp[i] !== act[i] ? '   <<' : ''}`); }
  return `=== ${name}\n${JSON.stringify(p)}\n${src}\nmodel outcome: ${JSON.stringify(r.expected.outcome)}  real: ${JSON.stringify(r.actual.outcome)}\nviolations: ${r.violations.map((v) => v.rule ?? JSON.stringify(v)).join(', ')}\n first diff at ${first}\n     model                  real\n${lines.join('\n')}\n`;
}
const mode = process.argv[2];
try {
  if (mode === 'files') {
    for (const f of process.argv.slice(3)) {
      const p = JSON.parse(fs.readFileSync(f, 'utf8'));
      let r;
      try { r = await check(p); } catch (e) { console.log(`=== ${f}: ERROR ${e.stack}`); continue; }
      if (r.skipped) { console.log(`=== ${f}: skipped ${r.skipped}`); continue; }
      console.log(r.ok ? `=== ${f}: OK` : report(f, p, r));
      if (process.env.SHOW) console.log(report(f, p, r));
    }
  } else if (mode === 'random') {
    const [suite, seed0, count] = [process.argv[3], Number(process.argv[4]), Number(process.argv[5])];
    const opts = suite === 'co' ? { entry: 'async', asyncPrograms: 'sequential', events: false } : { async: false, events: false };
    const arb = programArbitrary({ maxFunctions: Number(process.env.MF ?? 8), maxStatements: Number(process.env.MS ?? 6), maxDepth: Number(process.env.MD ?? 3), ...opts });
    let ran = 0, skipped = 0, failed = 0, err = 0;
    const seen = new Set();
    const out = fs.createWriteStream(`/tmp/review-sem/fail-${suite}-${seed0}.txt`);
    for (let b = 0; b * 1000 < count; b++) {
      const progs = fc.sample(arb, { seed: seed0 + b, numRuns: Math.min(1000, count - b * 1000) });
      for (const p of progs) {
        if (process.env.NORE && /"reenter","method":"(return|throw)"/.test(JSON.stringify(p))) { skipped++; continue; }
        let r;
        try { r = await check(p); } catch (e) { err++; if (err < 5) console.log('ERR', e.message); continue; }
        if (r.skipped) { skipped++; continue; }
        ran++;
        if (!r.ok) {
          failed++;
          out.write(report(`fail ${failed}`, p, r));
          fs.writeFileSync(`/tmp/review-sem/programs/${suite}-${seed0}-f${failed}.json`, JSON.stringify(p));
        }
      }
      console.log(`batch ${b}: ran ${ran} skipped ${skipped} failed ${failed} err ${err}`);
    }
    out.end();
  }
} finally {
  await worker.close();
}
