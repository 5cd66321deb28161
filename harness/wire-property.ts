import fc from 'fast-check';
import { decodeJsonl, encodeJsonl } from '../src/formats/jsonl.ts';
import { formatCanonical, parseCanonical } from '../src/formats/text.ts';
import type { CanonicalEvent } from '../src/model/event.ts';
import { TraceFormatError } from '../src/model/errors.ts';
import type { Trace } from '../src/model/trace.ts';
import { encodeWire } from '../src/wire/encode.ts';
import { decodeWire, readWire } from '../src/wire/reader.ts';
import { MemorySink } from '../src/wire/sink.ts';
import { WireWriter } from '../src/wire/writer.ts';
import { traceArbitrary } from './trace-arbitrary.ts';
import { chunkLayout } from './wire-layout.ts';

/** One case of the wire property: a trace, a chunk size, where to cut the file and which bit to flip. */
export interface WireCase {
  readonly trace: Trace;
  readonly chunkBytes: number;
  /** Where to cut the file, as a fraction of its length in [0, 1). */
  readonly cut: number;
  /** Which bit of the file to flip, as a fraction of its bit length in [0, 1). */
  readonly flip: number;
}

/**
 * Checks one case against DESIGN §4 invariants 7 and 8: `decode(encode(t))` equals `t`;
 * `encode(decode(b))` equals `b`; the writer reports the bytes the sink got; JSONL round-trips; a cut
 * gives exactly the complete chunks before it; a flipped bit gives a valid prefix or a
 * {@link TraceFormatError}.
 * @returns what went wrong, one line each; empty when the case holds
 */
export function checkWireCase(c: WireCase): string[] {
  const problems: string[] = [];
  const { trace } = c;
  const want = trace.events();
  // Events compared field by field with codes by name (JSONL re-assigns code ids in order of first use).
  const named = (t: Trace, e: ReturnType<Trace['at']>): string => JSON.stringify({ ...e, code: t.codeName(e.code) });
  const sameEvents = (t: Trace, n = want.length): boolean => t.length === n && t.events().every((e, i) => named(t, e) === named(trace, want[i]!));
  // 1. Round trips.
  const sink = new MemorySink();
  const writer = new WireWriter(sink, { chunkBytes: c.chunkBytes, timestamps: trace.columns.tsNs !== undefined });
  writer.appendTrace(trace);
  writer.close();
  const bytes = sink.bytes();
  if (writer.bytesWritten !== bytes.length) problems.push(`writer reports ${writer.bytesWritten} bytes, the sink got ${bytes.length}`);
  let decoded: Trace | undefined;
  try {
    decoded = decodeWire(bytes);
    if (!sameEvents(decoded)) problems.push('decode(encode(t)) differs from t');
  } catch (error) {
    problems.push(`decode(encode(t)) threw ${(error as Error).message}`);
  }
  if (decoded !== undefined) {
    const again = encodeWire(decoded, { chunkBytes: c.chunkBytes });
    if (again.length !== bytes.length || again.some((b, i) => b !== bytes[i])) problems.push('encode(decode(b)) differs from b');
  }
  if (!sameEvents(decodeJsonl(encodeJsonl(trace)))) problems.push('JSONL decode(encode(t)) differs from t');
  const canonical = trace.canonical();
  const key = (e: CanonicalEvent): string => `${e.kind} ${e.activation} ${JSON.stringify(e.code)} ${e.flags} ${e.waker ?? '-'}`;
  if (parseCanonical(formatCanonical(canonical)).events.map(key).join('|') !== canonical.map(key).join('|')) problems.push('canonical text parse(format(t)) differs from t');
  // 2. A cut keeps exactly the complete chunks before it.
  const cut = Math.floor(c.cut * bytes.length);
  const whole = chunkLayout(bytes).filter((x) => x.end <= cut);
  const kept = whole.reduce((n, x) => n + x.events, 0);
  const r = readWire(bytes.subarray(0, cut));
  if (r.chunks !== whole.length || !sameEvents(r.trace, kept)) problems.push(`cut at byte ${cut}: want the ${kept} events of ${whole.length} complete chunks, got ${r.trace.length} in ${r.chunks}`);
  // 3. A flipped bit: a valid prefix or a typed error, nothing else.
  const damaged = bytes.slice();
  const bit = Math.floor(c.flip * bytes.length * 8);
  damaged[bit >> 3]! ^= 1 << (bit & 7);
  try {
    const f = readWire(damaged);
    if (!sameEvents(f.trace, f.trace.length)) problems.push(`bit ${bit} flipped: the events read are not a prefix of the trace`);
  } catch (error) {
    if (!(error instanceof TraceFormatError)) problems.push(`bit ${bit} flipped: ${(error as Error).name} escaped the reader`);
  }
  return problems;
}

/** What {@link runWireProperty} found. */
export interface WirePropertyReport {
  readonly runs: number;
  readonly seed: number;
  readonly elapsedMs: number;
  /** The shrunk failing case and its problems. */
  readonly failure?: { readonly case: WireCase; readonly problems: string[]; readonly path: string };
}

/**
 * The wire property: random traces (every varint width, timestamps that go back, seq jumps, unicode
 * names) through {@link checkWireCase}.
 * @param runs - cases, >= 1
 * @param seed - fast-check seed
 * @param path - replay path of a counterexample
 */
export function runWireProperty(runs: number, seed: number, path?: string): WirePropertyReport {
  const started = performance.now();
  const arb = fc.record({
    trace: traceArbitrary(200),
    chunkBytes: fc.constantFrom(256, 1024, 65536),
    cut: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    flip: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  });
  const details = fc.check(fc.property(arb, (c) => checkWireCase(c).length === 0), { numRuns: runs, seed, ...(path !== undefined ? { path } : {}) });
  const base = { runs: details.numRuns, seed: details.seed, elapsedMs: performance.now() - started };
  const failing = details.counterexample?.[0];
  if (!details.failed || failing === undefined) return base;
  let problems: string[];
  try {
    problems = checkWireCase(failing);
  } catch (error) {
    problems = [`the check threw ${(error as Error).name}: ${(error as Error).message}`];
  }
  return { ...base, failure: { case: failing, problems, path: details.counterexamplePath ?? '' } };
}
