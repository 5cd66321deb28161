#!/usr/bin/env node
// `npm run test:stress`: the test suite on a loaded machine (issue 14). Starts two CPU hogs (busy loops in
// child processes, one per core of a 2-core CI runner), runs `npm test` (build + vitest), stops the hogs,
// and reports the suite's time and result. The hogs are bounded: each stops by itself after
// HOG_SECONDS (default 3600 s) even if this script dies; normally this script ends them as the suite ends.
// Exit code: the suite's.
import { spawn } from 'node:child_process';

const HOGS = Number(process.env.HOGS ?? 2);
const HOG_SECONDS = Number(process.env.HOG_SECONDS ?? 3600);
if (!(Number.isInteger(HOGS) && HOGS >= 0 && HOGS <= 64)) throw new RangeError(`test:stress: HOGS must be 0..64, got ${process.env.HOGS}`);
if (!(HOG_SECONDS > 0)) throw new RangeError(`test:stress: HOG_SECONDS must be > 0, got ${process.env.HOG_SECONDS}`);

// 1. The hogs: each spins until its own deadline, then exits (bounded even if nobody kills it).
const hogSource = `const end = Date.now() + ${HOG_SECONDS * 1000}; let x = 0; while (Date.now() < end) { for (let i = 0; i < 1e6; i++) x = (x * 31 + i) | 0; } process.exit(x === 0.5 ? 1 : 0);`;
const hogs = Array.from({ length: HOGS }, () => spawn(process.execPath, ['-e', hogSource], { stdio: 'ignore' }));
const stopHogs = () => {
  for (const h of hogs) if (h.exitCode === null && h.signalCode === null) h.kill('SIGTERM');
};
process.on('exit', stopHogs);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopHogs();
    process.exit(130);
  });
}
console.log(`test:stress: ${HOGS} CPU hog(s) running (pids ${hogs.map((h) => h.pid).join(', ')}; each stops by itself after ${HOG_SECONDS} s)`);

// 2. The suite, with the hogs running.
const started = Date.now();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const suite = spawn(npm, ['test', ...process.argv.slice(2)], { stdio: 'inherit' });
suite.on('exit', (code, signal) => {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const alive = hogs.filter((h) => h.exitCode === null && h.signalCode === null).length;
  stopHogs();
  const result = code === 0 ? 'passed' : `FAILED (${signal ?? `exit ${code}`})`;
  console.log(`test:stress: npm test ${result} in ${seconds} s with ${HOGS} CPU hog(s) (${alive} still running at the end)`);
  process.exitCode = code ?? 1;
});
