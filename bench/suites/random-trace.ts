/**
 * A random call-stack trace for throughput cases: nested calls and returns, some generators suspending
 * and resuming, every stack closed at the end. Deterministic given its seed (the counters depend on it).
 * @module
 */
import { EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';

/** Distinct code names in a random trace. */
const CODES = 200;

/**
 * @param n - events, >= 1
 * @param seed - LCG seed
 * @defaultValue seed 1
 */
export function randomTrace(n: number, seed = 1): Trace {
  let s = seed >>> 0;
  const rand = (k: number): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % k;
  };
  const kind = new Uint8Array(n);
  const activation = new Uint32Array(n);
  const code = new Uint32Array(n);
  const seq = new Float64Array(n);
  const stack: number[] = [];
  const stackCode: number[] = [];
  const suspended: [number, number][] = [];
  let next = 1;
  for (let i = 0; i < n; i++) {
    seq[i] = i;
    const r = rand(100);
    if (stack.length > 0 && (r < 45 || stack.length > 40 || n - i <= stack.length)) {
      const a = stack.pop()!;
      const c = stackCode.pop()!;
      const k = rand(10) === 0 ? EventKind.Yield : rand(20) === 0 ? EventKind.Unwind : EventKind.Return;
      if (k === EventKind.Yield && suspended.length < 100) suspended.push([a, c]);
      kind[i] = k;
      activation[i] = a;
      code[i] = c;
    } else if (suspended.length > 0 && r < 55) {
      const [a, c] = suspended.splice(rand(suspended.length), 1)[0]!;
      kind[i] = rand(8) === 0 ? EventKind.Throw : EventKind.Resume;
      activation[i] = a;
      code[i] = c;
      stack.push(a);
      stackCode.push(c);
    } else {
      const a = next++;
      const c = rand(CODES);
      kind[i] = EventKind.Call;
      activation[i] = a;
      code[i] = c;
      stack.push(a);
      stackCode.push(c);
    }
  }
  const codes = Array.from({ length: CODES }, (_, i) => `module${i % 7}.function_${i}`);
  return new Trace({ kind, flags: new Uint8Array(n), activation, code, seq }, codes, n);
}

/** The first `n` events of a trace, sharing its columns. */
export function prefix(t: Trace, n: number): Trace {
  const c = t.columns;
  return new Trace({ kind: c.kind.subarray(0, n), flags: c.flags.subarray(0, n), activation: c.activation.subarray(0, n), code: c.code.subarray(0, n), seq: c.seq.subarray(0, n) }, t.codes, n);
}
