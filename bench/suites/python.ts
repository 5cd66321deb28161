/**
 * The Python target's throughput (issue 11): random programs of the generators suite rendered as Python,
 * run by the reference `sys.monitoring` adapter on CPython 3.12.1 (one persistent worker) and checked against
 * the `cpython-3.12` profile, per second; the twin checks the same programs under this package's JS recorder.
 * @module
 */
// Node adapter (node:child_process): finds the interpreter with pyenv.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { ModelBudgetError } from '../../harness/model/model.ts';
import { pythonPrograms } from '../../harness/properties/python-property.ts';
import type { Program } from '../../harness/program/ast.ts';
import { checkProgram } from '../../harness/targets/js/check-program.ts';
import { AdapterWorker } from '../../harness/targets/process/worker.ts';
import { checkPythonProgram } from '../../harness/targets/python/check-program.ts';
import { packageGoldenDir } from '../../src/cli/golden-files.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import type { BenchCase, Twins } from './case.ts';

/** Programs per sample (the same seed every sample: the same programs, so the counters are fixed). */
const PROGRAMS = 100;
const SEED = 6;
/** The interpreter the case runs on. */
const CPYTHON = '3.12.1';

let sink = 0;

/** The reference adapter, shipped as source beside the package's `golden/` (tsc does not copy `.py` files to `dist/`). */
const ADAPTER = join(dirname(packageGoldenDir()), 'harness/targets/python/adapter/sysmon_adapter.py');

function interpreter(): string {
  try {
    return `${execFileSync('pyenv', ['prefix', CPYTHON], { encoding: 'utf8' }).trim()}/bin/python3`;
  } catch {
    throw new Error(`bench python/programs: CPython ${CPYTHON} is not installed (pyenv install ${CPYTHON})`);
  }
}

const programs: BenchCase = {
  id: 'harness/python-programs',
  group: 'harness',
  title: 'random programs rendered as Python + run by the CPython 3.12.1 adapter + checked (generators suite)',
  unit: 'program',
  ops: { plain: PROGRAMS, traced: PROGRAMS },
  samplesPerRound: 2,
  clock: 'wall', // the work runs in the Python adapter's process: its CPU time is not ours
  twin: 'the same programs run and checked under the JS recorder',
  async setup(): Promise<Twins> {
    const sample: Program[] = fc.sample(pythonPrograms('generators'), { seed: SEED, numRuns: PROGRAMS });
    const started = await AdapterWorker.start([interpreter(), ADAPTER], { language: 'python', timeoutMs: 60_000, harnessVersion: 'bench' });
    if (!started.ok) throw new Error(`bench python/programs: the adapter did not start: ${started.verdict.message}`);
    const worker = started.worker;
    let id = 0;
    const checkAll = async (): Promise<{ events: number; violations: number; skipped: number }> => {
      let events = 0;
      let violations = 0;
      let skipped = 0;
      for (const p of sample) {
        const r = await checkPythonProgram(p, worker, `bench-${++id}`);
        if ('skipped' in r) skipped++;
        else {
          events += r.actual.events.length;
          violations += r.violations.length;
        }
      }
      return { events, violations, skipped };
    };
    return {
      // Async like its twin: the interleaving treats both twins alike (interleave.ts probes the plain one).
      plain: async () => {
        for (const p of sample) {
          try {
            sink += checkProgram(p, () => new Tracer()).actual.trace.length;
          } catch (error) {
            if (!(error instanceof ModelBudgetError)) throw error;
            sink++;
          }
        }
      },
      traced: async () => {
        sink += (await checkAll()).events;
      },
      counters: async () => {
        const r = await checkAll();
        return { 'events/program': r.events / PROGRAMS, 'violations/program': r.violations / PROGRAMS, 'skipped/program': r.skipped / PROGRAMS };
      },
      close: () => worker.close(),
    };
  },
};

/** The Python target's cases. */
export const PYTHON_CASES: readonly BenchCase[] = [programs];

/** @internal */
export function pythonSink(): number {
  return sink;
}
