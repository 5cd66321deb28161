/**
 * Chrome Trace Event JSON as other tools write it (Chrome, Perfetto, profilers), for seeds: nested
 * `B`/`E`, `X` with `dur`, async `b`/`e` pairs, metadata `M`, instants `i`, counters `C`, string and number
 * pids and tids, extra keys, the object and the bare array form (sometimes without its closing `]`).
 * @module
 */
import { Rng } from './rng.ts';

/**
 * One foreign Chrome file, deterministic in the generator's state.
 * @param rng - the generator
 * @returns the JSON text
 */
export function foreignChrome(rng: Rng): string {
  const events: Record<string, unknown>[] = [];
  const threads = rng.range(1, 3);
  let ts = rng.chance(0.2) ? -5 : 0;
  for (let t = 1; t <= threads; t++) {
    const pid = rng.chance(0.2) ? `p${t}` : 1;
    const tid = rng.chance(0.2) ? String(t) : t;
    events.push({ ph: 'M', name: 'thread_name', pid, tid, args: { name: `worker ${t}` } });
    const stack: string[] = [];
    const steps = rng.range(1, 12);
    for (let s = 0; s < steps; s++) {
      const r = rng.int(6);
      ts += rng.chance(0.1) ? 0 : rng.range(1, 50) / (rng.chance(0.3) ? 7 : 1);
      if (r <= 1 || stack.length === 0) {
        const name = rng.pick(['main', 'run', 'step', 'leaf', 'Ünï', '']);
        stack.push(name);
        events.push({ ph: 'B', name, cat: 'fn', pid, tid, ts, args: { depth: stack.length } });
      } else if (r === 2) {
        events.push({ ph: 'E', ...(rng.chance(0.5) ? { name: stack.at(-1) } : {}), pid, tid, ts });
        stack.pop();
      } else if (r === 3) {
        events.push({ ph: 'X', name: 'work', pid, tid, ts, dur: rng.chance(0.2) ? 0 : 0.5 });
      } else if (r === 4) {
        events.push({ ph: rng.pick(['i', 'I', 'C']), name: 'tick', s: 't', pid, tid, ts, args: { value: rng.int(100) } });
      } else {
        const id = rng.chance(0.5) ? rng.int(5) : `0x${rng.int(5)}`;
        events.push({ ph: 'b', name: 'io', cat: 'async', id, pid, tid, ts });
        events.push({ ph: 'e', name: 'io', cat: 'async', id, pid, tid, ts: ts + 1 });
      }
    }
    while (stack.length > 0 && rng.chance(0.9)) events.push({ ph: 'E', name: stack.pop(), pid, tid, ts: ++ts });
  }
  const body = events.map((e) => JSON.stringify(e)).join(',\n');
  if (rng.chance(0.3)) return rng.chance(0.3) ? `[${body},\n` : `[${body}]\n`;
  return `{"traceEvents":[\n${body}\n],"displayTimeUnit":"ms","otherData":{"version":"fuzz"}}\n`;
}
