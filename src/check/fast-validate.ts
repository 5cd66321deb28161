import { EventFlag, EventKind } from '../model/kinds.ts';
import type { Trace } from '../model/trace.ts';
import type { ValidateTraceOptions } from './validate-trace.ts';

const Unseen = 0;
const Running = 1;
const Suspended = 2;
const Finished = 3;

/**
 * Activation ids are indexes into typed arrays here; a trace whose largest id is beyond this bound
 * (sparse ids) goes to the per-event validators instead of allocating a huge table.
 */
const MAX_DENSE_ID_PER_EVENT = 4;
const MIN_DENSE_IDS = 1 << 16;
/** Code ids a 16-bit entry holds beside its 2 bits of state. */
const CODES_IN_16_BITS = 1 << 14;

/**
 * The fast path of {@link validateTrace}: one pass over the columns that proves a trace free of stack
 * balance, lifecycle and seq violations (DESIGN §4 invariants 1, 2, 6), with no per-event allocation
 * (the per-event validators build an object per event and run at about 2.5 M events/s).
 *
 * It is conservative: `true` means the per-event validators would report nothing; `false` means it
 * found a violation or met something it does not judge (a stream record, `abandoned`, an unknown kind
 * or flag, sparse activation ids, two code ids of one activation), and the caller then runs the
 * per-event validators, which say exactly what is wrong. It never decides a violation on its own.
 *
 * @param trace - the trace; activations open at its start are not supported (the caller checks)
 * @param complete - frames still running at the end count as violations
 * @returns true only when the trace is certainly valid
 * @internal
 */
export function provablyValid(trace: Trace, complete: boolean): boolean {
  const n = trace.length;
  const activation = trace.columns.activation;
  // 1. Dense activation tables, or give up on sparse ids.
  let maxId = 0;
  for (let i = 0; i < n; i++) if (activation[i]! > maxId) maxId = activation[i]!;
  if (maxId > Math.max(MIN_DENSE_IDS, n * MAX_DENSE_ID_PER_EVENT)) return false;
  // Per activation, its code id and state in one entry, `code << 2 | state`: 16 bits when the code table is
  // small, else 32 (codes past the entry's bits give up). The table is most of the memory this pass touches,
  // and fresh memory costs a page fault per 4 KiB (issue 15: two arrays of 5 and 20 MB on 10 M events).
  const small = trace.codes.length <= CODES_IN_16_BITS;
  const codeLimit = small ? CODES_IN_16_BITS : 1 << 30;
  const entries = small ? new Uint16Array(maxId + 1) : new Uint32Array(maxId + 1);
  return walk(trace, complete, entries, codeLimit);
}

/** The pass itself, over the entry table `provablyValid` sized. */
function walk(trace: Trace, complete: boolean, entries: Uint16Array | Uint32Array, codeLimit: number): boolean {
  const n = trace.length;
  const { kind, flags, activation, code, seq } = trace.columns;
  let stack: Uint32Array = new Uint32Array(64);
  let depth = 0;
  // 2. Seq: the first an integer >= 0, each next one the previous plus one, the last within 2^53 - 1.
  let next = n > 0 ? seq[0]! : 0;
  if (n > 0 && !(Number.isSafeInteger(next) && next >= 0 && next + (n - 1) <= Number.MAX_SAFE_INTEGER)) return false;
  // 3. One switch per event over the activation's state and the running stack.
  for (let i = 0; i < n; i++) {
    if (seq[i] !== next++) return false;
    const k = kind[i]!;
    const f = flags[i]!;
    if (f !== EventFlag.None && !(f === EventFlag.ReturnCompletion && k === EventKind.Resume)) return false;
    const a = activation[i]!;
    const entry = entries[a]!;
    const st = entry & 3;
    if (k === EventKind.Event) {
      // A user event: outside every activation (0), or of one that runs; its code is its type.
      if (a !== 0 && st !== Running) return false;
      continue;
    }
    if (st === Unseen) {
      const c = code[i]!;
      if (k !== EventKind.Call || c >= codeLimit) return false;
      entries[a] = (c << 2) | Running;
      if (depth === stack.length) stack = grown(stack);
      stack[depth++] = a;
      continue;
    }
    if (entry >>> 2 !== code[i]) return false;
    switch (k) {
      case EventKind.Resume:
      case EventKind.Throw:
        if (st !== Suspended) return false;
        entries[a] = (entry & ~3) | Running;
        if (depth === stack.length) stack = grown(stack);
        stack[depth++] = a;
        break;
      case EventKind.Yield:
      case EventKind.Return:
      case EventKind.Unwind:
        // The stack holds exactly the running activations, each once: its top being `a` says `a` runs (at depth 0 stack[-1] is undefined).
        if (stack[depth - 1] !== a) return false;
        depth--;
        entries[a] = (entry & ~3) | (k === EventKind.Yield ? Suspended : Finished);
        break;
      case EventKind.Wake:
      case EventKind.Await:
      case EventKind.Pending:
        if (st !== Suspended) return false;
        break;
      default:
        return false; // a second call, a stream record, abandoned, an unknown kind
    }
  }
  return !(complete && depth > 0);
}

function grown(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Whether {@link validateTrace}'s fast path alone proves the trace valid, so that it returns no violations
 * without the per-event validators: no activation open at the start, {@link provablyValid}, and with `strict`
 * every activation finished (which the fast path does not judge otherwise). `verify` asks this first and
 * loads the validators only when it is false (issue 15).
 * @param trace - the trace
 * @param options - as {@link validateTrace} takes them, defaulted the same way
 * @internal
 */
export function provenValid(trace: Trace, options: ValidateTraceOptions = {}): boolean {
  const open = options.open ?? trace.open;
  const complete = options.complete ?? trace.complete;
  return open.length === 0 && provablyValid(trace, complete) && (options.strict !== true || allFinished(trace));
}

/**
 * Whether every activation's last frame event is a `return` or `unwind` (columns only, one entry per
 * activation). Sound only for a trace {@link provablyValid} accepted. @internal
 */
function allFinished(trace: Trace): boolean {
  const { kind, activation } = trace.columns;
  const last = new Map<number, number>();
  for (let i = 0; i < trace.length; i++) {
    const k = kind[i]!;
    if (k >= EventKind.Call && k <= EventKind.Unwind) last.set(activation[i]!, k);
  }
  for (const k of last.values()) if (k !== EventKind.Return && k !== EventKind.Unwind) return false;
  return true;
}
