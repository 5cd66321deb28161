// Review scratch: shrink a model/real mismatch (not a crash). Delete when done.
import fs from 'node:fs';
import { execSync } from 'node:child_process';
import { AdapterWorker, checkPythonProgram, minimizeProgram, renderPython, PYTHON_PRELUDE } from './dist/harness/index.js';
const KIND = { 1: 'call', 2: 'return', 3: 'yield', 4: 'resume', 5: 'throw', 6: 'unwind' };
const fmt = (evs) => evs.map((e) => `${KIND[e.kind] ?? e.kind} ${e.code}#${e.activation}`);
const py = execSync('pyenv prefix 3.12.1').toString().trim() + '/bin/python3';
const s = await AdapterWorker.start([py, '/work/main/harness/targets/python/adapter/sysmon_adapter.py'], { language: 'python', timeoutMs: 30000, harnessVersion: 'x' });
const w = s.worker; let id = 0;
const mism = async (p) => { try { const r = await checkPythonProgram(p, w, `s-${++id}`); return !r.skipped && !r.ok && r.verdict === undefined; } catch { return false; } };
try {
  const p = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  console.log('initially', await mism(p));
  const m = await minimizeProgram(p, mism, 4000);
  fs.writeFileSync(process.argv[3], JSON.stringify(m));
  const r = await checkPythonProgram(m, w, `s-${++id}`);
  const e = fmt(r.expected.events), a = fmt(r.actual.events);
  console.log(JSON.stringify(m));
  console.log(renderPython(m).source.slice(PYTHON_PRELUDE.length).replace(/^\n+/, ''));
  console.log('outcome model', JSON.stringify(r.expected.outcome), 'real', JSON.stringify(r.actual.outcome));
  for (let i = 0; i < Math.max(e.length, a.length); i++) console.log(String(i).padStart(3), (e[i] ?? '-').padEnd(22), a[i] ?? '-', e[i] !== a[i] ? '<<' : '');
} finally { await w.close(); }
