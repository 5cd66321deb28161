import { fileURLToPath } from 'node:url';
import type { AdapterWorkerOptions } from '../../../../harness/targets/process/handshake.ts';

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
