/**
 * The wire writer past the sizes random traces reach (issue 13: what the mutation report found `check` never
 * reached): a buffer that must grow for long code names a checkpoint declares again, for the events after such
 * a checkpoint, for a payload after a long checkpoint, and for a checkpoint of thousands of open activations;
 * the 32768 suspended activations a checkpoint declares at most (FORMAT.md §4.1) and the 65536 open
 * activations one holds at most (§8). Each file is read back and compared, event by event, with what was
 * appended: a byte lost past the buffer's end, which typed arrays drop silently, shows there.
 * @module
 */
import type { TraceEvent } from '../../src/model/event.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { readWire } from '../../src/wire/reader.ts';
import { MemorySink } from '../../src/wire/sink.ts';
import { WireWriter, type WireWriterOptions } from '../../src/wire/writer.ts';
import { oracleRead } from '../wire-oracle/decode.ts';
import { samePrefix } from './same-event.ts';

/** The most suspended activations a checkpoint declares (FORMAT.md §4.1) and open activations it holds (§8). */
const SUSPENDED_DECLARED = 32768;
const MAX_OPEN = 65536;
const LONG = 4096; // the longest name and payload, in bytes (FORMAT.md §8)

/** A writer whose every append is kept, to compare the file with. */
class Script {
  // The smallest sink: every file here grows it, by more than twice its size in one write at first.
  readonly sink = new MemorySink(16);
  readonly writer: WireWriter;
  readonly events: TraceEvent[] = [];
  private readonly timestamps: boolean;
  constructor(
    readonly codes: readonly string[],
    options: WireWriterOptions,
  ) {
    this.writer = new WireWriter(this.sink, options);
    this.timestamps = options.timestamps === true;
    codes.forEach((name, code) => this.writer.defineCode(code, name));
  }

  /** Appends one event at the next seq (with timestamps, 10 ns per event). */
  emit(kind: EventKind, activation: number, code: number, payload?: string): void {
    const seq = this.events.length;
    this.writer.append(kind, activation, code, 0, seq, 10 * seq, 0, payload);
    this.events.push({ kind, activation, code, flags: 0, seq, ...(this.timestamps ? { tsNs: 10 * seq } : {}), ...(payload === undefined ? {} : { payload }) });
  }

  /** Appends events at the next seqs as one trace, through `appendTrace` (the encoder's fast path, `appendRun`). */
  emitTrace(edges: readonly (readonly [EventKind, number, number])[]): void {
    const events = edges.map(([kind, activation, code], i): TraceEvent => {
      const seq = this.events.length + i;
      return { kind, activation, code, flags: 0, seq, ...(this.timestamps ? { tsNs: 10 * seq } : {}) };
    });
    this.writer.appendTrace(Trace.fromEvents(events, [...this.codes]));
    this.events.push(...events);
  }

  /**
   * Closes the file and compares what reads back with what was appended, event by event (`compare`) or only
   * their number; returns the bytes too.
   */
  finish(what: string, compare = true): { problems: string[]; bytes: Uint8Array } {
    this.writer.close();
    const bytes = this.sink.bytes();
    const r = readWire(bytes);
    if (r.loss !== undefined || !r.complete) return { problems: [`writer capacity, ${what}: the file does not read back: ${r.loss?.error.message ?? 'no end-of-stream'}`], bytes };
    const same = r.trace.length === this.events.length && (!compare || samePrefix(r.trace, Trace.fromEvents(this.events, [...this.codes]), this.events.length));
    if (!same) return { problems: [`writer capacity, ${what}: ${this.events.length} events appended, ${r.trace.length} read back, not the same`], bytes };
    return { problems: [], bytes };
  }
}

/**
 * Three activations of codes with long names stay running across chunks of 256 bytes, so every checkpoint
 * declares them again: 8,192 + `last` bytes of define-codes, then events up to `chunkBytes`, in a buffer that
 * starts at chunkBytes + 8,448 bytes. Over `last` in 150..600 by 3 the defines, the checkpoint and the events
 * after it each end in the buffer's last bytes somewhere. The events after the checkpoint are appended one by
 * one, or (`asTrace`) as one trace, which the encoder's fast path writes until the chunk or the buffer's room ends.
 */
function longOpenNames(asTrace: boolean): string[] {
  for (let last = 150; last <= 600; last += 3) {
    const s = new Script(['a'.repeat(LONG), 'b'.repeat(LONG), `c${'x'.repeat(last)}`], { chunkBytes: 256, timestamps: true });
    [1, 2, 3].forEach((a) => s.emit(EventKind.Call, a, a - 1));
    s.writer.flush();
    const after = [...Array.from({ length: 120 }, () => [EventKind.Event, 3, 2] as const), ...[3, 2, 1].map((a) => [EventKind.Return, a, a - 1] as const)];
    if (asTrace) s.emitTrace(after);
    else for (const [kind, activation, code] of after) s.emit(kind, activation, code);
    const { problems } = s.finish(`three open codes with names of 4096, 4096 and ${last + 1} bytes${asTrace ? ', the events after as one trace' : ''}`);
    if (problems.length > 0) return problems;
  }
  return [];
}

/**
 * A chunk opens with `open` running activations (60..200), then a user event of a code with a 4096-byte name
 * carries a 4096-byte payload: its records end in the buffer's last bytes for some `open`.
 */
function payloadAfterCheckpoint(): string[] {
  const payload = JSON.stringify('p'.repeat(LONG - 2));
  for (let open = 60; open <= 200; open++) {
    const s = new Script(['f', 'e'.repeat(LONG)], { chunkBytes: 256, timestamps: true });
    for (let a = 1; a <= open; a++) s.emit(EventKind.Call, a, 0);
    s.writer.flush();
    s.emit(EventKind.Event, open, 1, payload);
    const { problems } = s.finish(`a 4096-byte payload after a checkpoint of ${open} open activations`);
    if (problems.length > 0) return problems;
  }
  return [];
}

/** 2,500 running activations declared by every checkpoint of 256-byte chunks: about 10 KB each. */
function manyOpen(): string[] {
  const s = new Script(['f'], { chunkBytes: 256 });
  for (let a = 1; a <= 2500; a++) s.emit(EventKind.Call, a, 0);
  s.writer.flush();
  for (let a = 2500; a > 2400; a--) s.emit(EventKind.Return, a, 0);
  return s.finish('checkpoints of 2,500 open activations').problems;
}

/**
 * 32,769 generators suspended and never resumed: a later checkpoint declares the 32,768 most recently suspended
 * (activations 2..32,769, in the order they suspended) and says partial (FORMAT.md §4.1).
 */
function suspendedPastTheLimit(): string[] {
  const s = new Script(['gen', 'main'], { chunkBytes: 65536 });
  for (let a = 1; a <= SUSPENDED_DECLARED + 1; a++) {
    s.emit(EventKind.Call, a, 0);
    s.emit(EventKind.Yield, a, 0);
  }
  s.writer.flush();
  s.emit(EventKind.Call, 50_000, 1);
  s.emit(EventKind.Return, 50_000, 1);
  const what = `${SUSPENDED_DECLARED + 1} suspended activations`;
  const { problems, bytes } = s.finish(what, false); // the last checkpoint is what this case is about
  if (problems.length > 0) return problems;
  const cp = oracleRead(bytes).chunks.at(-1)?.checkpoint;
  const open = cp?.open ?? [];
  const declared = open.length === SUSPENDED_DECLARED && open.every((o, i) => o.state === 'suspended' && o.activation === i + 2);
  if (cp === undefined || !cp.partial || !declared) {
    return [`writer capacity, ${what}: the last checkpoint declares ${open.length} (first #${open[0]?.activation}, partial ${cp?.partial}), want #2..#${SUSPENDED_DECLARED + 1} suspended, partial`];
  }
  return [];
}

/**
 * 65,536 running activations are declared by a checkpoint and read back (FORMAT.md §8's most); one more is a
 * RangeError at the next checkpoint that says how many are open and the most, and the chunks flushed before
 * still read back.
 */
function openAtTheLimit(): string[] {
  const s = new Script(['f'], { chunkBytes: 65536 });
  for (let a = 1; a <= MAX_OPEN; a++) s.emit(EventKind.Call, a, 0);
  s.writer.flush();
  s.emit(EventKind.Event, MAX_OPEN, 0);
  s.writer.flush();
  const atLimit = s.events.length;
  s.emit(EventKind.Call, MAX_OPEN + 1, 0);
  s.writer.flush();
  let threw: unknown;
  try {
    s.emit(EventKind.Event, MAX_OPEN + 1, 0);
  } catch (error) {
    threw = error;
  }
  const want = `WireWriter: ${MAX_OPEN + 1} open activations (${MAX_OPEN + 1} running, 0 suspended), max ${MAX_OPEN} per checkpoint`;
  if (!(threw instanceof RangeError) || threw.message !== want) return [`writer capacity, ${MAX_OPEN + 1} open activations: want RangeError "${want}", got ${threw === undefined ? 'no error' : String(threw)}`];
  const r = readWire(s.sink.bytes());
  if (r.trace.length !== atLimit + 1 || r.loss !== undefined) {
    return [`writer capacity, ${MAX_OPEN} open activations: want the ${atLimit + 1} events flushed read back, got ${r.trace.length}${r.loss ? ` (${r.loss.error.message})` : ''}`];
  }
  return [];
}

/**
 * A stream continued past 2^28 events (`continueFrom`, one activation of a code named by `name` bytes open)
 * whose chunk of 256 bytes holds 80 user events and then one with a new 4096-byte name and a 4096-byte
 * payload: for some `name` in 180..260 the payload ends 5 bytes before the buffer's end, and the end-of-stream
 * record (1 + 5 bytes past 2^28) must still be whole. The chunk stands alone (no file header), so it is read
 * by the decoder written from FORMAT.md.
 */
function endPastTwoTo28(): string[] {
  const before = 2 ** 28;
  const payload = JSON.stringify('p'.repeat(LONG - 2));
  for (let name = 180; name <= 260; name++) {
    const sink = new MemorySink();
    const codes = ['f', 'e'.repeat(LONG), `n${'x'.repeat(name)}`];
    const w = new WireWriter(sink, { chunkBytes: 256, continueFrom: { chunks: 1, events: before, nextSeq: before, codes, open: [{ activation: 1, code: 2, state: 'running' }] } });
    let seq = before;
    for (let i = 0; i < 80; i++) w.append(EventKind.Event, 1, 0, 0, seq++);
    w.append(EventKind.Event, 1, 1, 0, seq++, 0, 0, payload);
    w.close();
    const r = oracleRead(sink.bytes());
    const total = r.chunks.at(-1)?.endTotal;
    if (r.stop !== undefined || total !== seq) return [`writer capacity, 2^28 events, the last with a payload, a ${name + 1}-byte name open: want end-of-stream with ${seq}, got ${r.stop?.reason ?? total}`];
  }
  return [];
}

/**
 * A continued stream (`continueFrom`, so its buffer has never grown) whose first chunk declares three running
 * activations of codes named by 4,096, 4,096 and `last` + 1 bytes: the define-codes end within the 8,704-byte
 * buffer's last 22 bytes for some `last` in 440..500 (each define leaves at least 11 bytes after it), and the
 * checkpoint after them must make its own room (a writer that reserved 128 bytes too few lost its last bytes).
 */
function checkpointAtTheEnd(): string[] {
  const before = 1000;
  for (let last = 440; last <= 500; last++) {
    const sink = new MemorySink();
    const codes = ['a'.repeat(LONG), 'b'.repeat(LONG), `c${'x'.repeat(last)}`];
    const open = [1, 2, 3].map((a) => ({ activation: a, code: a - 1, state: 'running' as const }));
    const w = new WireWriter(sink, { chunkBytes: 256, timestamps: true, continueFrom: { chunks: 1, events: before, nextSeq: before, codes, open } });
    w.append(EventKind.Return, 3, 2, 0, before, 5);
    w.close();
    const r = oracleRead(sink.bytes());
    const total = r.chunks.at(-1)?.endTotal;
    if (r.stop !== undefined || total !== before + 1) return [`writer capacity, a checkpoint of three open codes named by 4096, 4096 and ${last + 1} bytes: want end-of-stream with ${before + 1}, got ${r.stop?.reason ?? total}`];
  }
  return [];
}

let passed = false;

/**
 * Every case above, once per process once they pass (they are fixed, and take tens of milliseconds).
 * @returns what went wrong, one line per case that failed
 */
export function checkWriterCapacity(): string[] {
  if (passed) return [];
  const problems = [() => longOpenNames(false), () => longOpenNames(true), payloadAfterCheckpoint, checkpointAtTheEnd, manyOpen, suspendedPastTheLimit, openAtTheLimit, endPastTwoTo28].flatMap((f) => f());
  passed = problems.length === 0;
  return problems;
}
