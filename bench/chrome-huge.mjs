#!/usr/bin/env node
// `npm run bench:chrome`: memory and time of `trace-harness verify` on a huge Chrome trace (issue 14).
// Generates a Chrome Trace Event JSON file of SIZE_MB (default 200) in a temporary directory (never
// committed): 4 threads of nested B/E slices, X slices and async b/e pairs; then runs the built CLI's
// verify on it under /usr/bin/time and prints peak RSS (MB) and wall time (s); then the same for 1 MB of
// `[` (nesting far past the limit) and 1 MB of `[` wrapped in nothing else. Needs `npm run build` first.
// OUT_OF_ORDER=1 writes the rounds of thread 4 backwards (ts going back, as a tracer that writes an `X`
// when it ends does): verify then reads the file twice, keeping that thread's and the async events.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SIZE_MB = Number(process.env.SIZE_MB ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'th-chrome-huge-'));

// 1. The file, written in pieces of about 1 MiB.
const file = join(dir, 'huge.json');
const fd = openSync(file, 'w');
writeSync(fd, '{"traceEvents":[\n');
let ts = 0;
let events = 0;
let piece = [];
let written = 0;
const flush = () => {
  if (piece.length === 0) return;
  const text = piece.join(',\n') + ',\n';
  writeSync(fd, text);
  written += text.length;
  piece = [];
};
const outOfOrder = process.env.OUT_OF_ORDER === '1';
for (let round = 0; written < SIZE_MB * 1e6; round++) {
  const tid = 1 + (round % 4);
  const from = piece.length;
  // A call tree 4 deep, an X inside, and an async pair: 12 events a round.
  for (const name of ['main', 'run', 'step', 'leaf']) piece.push(JSON.stringify({ ph: 'B', name, pid: 1, tid, ts: ts++, args: { round } }));
  piece.push(JSON.stringify({ ph: 'X', name: 'work', pid: 1, tid, ts: ts, dur: 0.5, args: {} }));
  ts++;
  for (const name of ['leaf', 'step', 'run', 'main']) piece.push(JSON.stringify({ ph: 'E', name, pid: 1, tid, ts: ts++ }));
  piece.push(JSON.stringify({ ph: 'b', cat: 'io', id: round, name: 'read', pid: 1, tid, ts: ts++ }));
  piece.push(JSON.stringify({ ph: 'e', cat: 'io', id: round, name: 'read', pid: 1, tid, ts: ts++ }));
  piece.push(JSON.stringify({ ph: 'i', s: 't', name: 'tick', pid: 1, tid, ts: ts++ }));
  if (outOfOrder && tid === 4) piece.push(...piece.splice(from).reverse());
  events += 12;
  if (piece.length >= 8000) flush();
}
flush();
writeSync(fd, '{"ph":"M","name":"process_name","pid":1,"tid":1,"args":{"name":"huge"}}\n],"displayTimeUnit":"ns"}\n');
events++;
closeSync(fd);

/** Runs `verify` on a file under /usr/bin/time: peak RSS in MB, wall time in s, exit code, first line. */
function measure(path) {
  const r = spawnSync('/usr/bin/time', ['-f', '%M %e %U %S', process.execPath, process.env.BIN ?? 'dist/src/cli/bin.js', 'verify', path], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const [kb, s, user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { rssMb: kb / 1024, seconds: s, cpu: user + sys, exit: r.status, line: r.stdout.split('\n')[0] };
}

const huge = measure(file);
const mb = statSync(file).size / 1e6;
console.log(`verify chrome json${outOfOrder ? ' (thread 4 out of ts order)' : ''}: ${mb.toFixed(1)} MB, ${events} events: peak RSS ${huge.rssMb.toFixed(1)} MB, ${huge.seconds.toFixed(2)} s wall, ${huge.cpu.toFixed(2)} s CPU (${(mb / huge.cpu).toFixed(1)} MB per CPU second), exit ${huge.exit}`);
console.log(`  ${huge.line}`);
if (!process.env.KEEP) rmSync(file);

// 2. 1 MB of `[`: refused at the nesting limit, long before the end.
const brackets = join(dir, 'brackets.json');
const bfd = openSync(brackets, 'w');
writeSync(bfd, '['.repeat(1_000_000));
closeSync(bfd);
const deep = measure(brackets);
console.log(`verify 1 MB of "[": peak RSS ${deep.rssMb.toFixed(1)} MB, ${deep.seconds.toFixed(2)} s wall, ${deep.cpu.toFixed(2)} s CPU, exit ${deep.exit}`);
console.log(`  ${deep.line}`);
if (!process.env.KEEP) rmSync(dir, { recursive: true });
