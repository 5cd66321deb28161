import { fileURLToPath } from 'node:url';
import type { AdapterWorkerOptions } from '../../../../harness/targets/process/handshake.ts';
import { AdapterWorker } from '../../../../harness/targets/process/worker.ts';

/** The command of a fake adapter in test/fixtures/adapters: node, the script, its arguments. */
export function adapter(name: string, ...args: string[]): string[] {
  return [process.execPath, fileURLToPath(new URL(`../../../fixtures/adapters/${name}.mjs`, import.meta.url)), ...args];
}

/** Options for a good adapter: a timeout no loaded CI box gets near (ms). */
export const OPTIONS: AdapterWorkerOptions = { language: 'python', timeoutMs: 10_000, harnessVersion: '0.1.0' };

/** The JSONL trace every fake adapter answers with (serve.mjs TRACE). */
export const TRACE =
  '{"format":"trace-harness-jsonl","version":1}\n' +
  '{"seq":0,"kind":"call","activation":1,"code":"main","flags":0}\n' +
  '{"seq":1,"kind":"return","activation":1,"code":"main","flags":0}\n';

/** A program for the fake adapters (they ignore the source). */
export function program(id: string) {
  return { id, entry: 'main', functions: ['main'], source: 'def main():\n    return None\n' };
}

/** Whether a process with this id exists (a zombie would still count). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw e;
  }
}

const workers: AdapterWorker[] = [];

/** Starts a fake adapter that must pass the handshake; {@link closeAll} closes it. */
export async function start(command: string | string[], options: AdapterWorkerOptions = OPTIONS): Promise<AdapterWorker> {
  const started = await AdapterWorker.start(command, options);
  if (!started.ok) throw new Error(`want a worker, got ${started.verdict.rule}: ${started.verdict.message}`);
  workers.push(started.worker);
  return started.worker;
}

/** Closes every worker {@link start} made (an `afterEach`). */
export async function closeAll(): Promise<void> {
  await Promise.all(workers.splice(0).map((w) => w.close()));
}

/** The first 120 bytes of a one-line ASCII response as a verdict quotes them. */
export function quoted(line: string): string {
  return JSON.stringify(line.slice(0, 120));
}

/** The line a fake adapter answers `id` with (serve.mjs `result`). */
export function resultLine(id: string, trace: string): string {
  return JSON.stringify({ type: 'result', id, outcome: { kind: 'return' }, trace });
}
