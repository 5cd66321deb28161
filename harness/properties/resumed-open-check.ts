import { DeclaredOpen, formatOpen } from './declared-open.ts';
import { readWire } from '../../src/wire/reader.ts';
import { splitChunks } from '../wire-oracle/layout.ts';

/**
 * Every chunk's declared open activations in a file that a recording wrote, crashed and resumed (FORMAT.md
 * §4.1): each chunk, read on its own, declares the open set {@link DeclaredOpen} computes from the whole
 * file's events before it. A resumed writer starts from the open set of the prefix it kept
 * (`WireRecording.resume`), running and suspended alike, and its first chunk declares it before the
 * `abandoned` records close it; a mistake there (a suspended activation taken for a running one, one
 * forgotten) is invisible to the events and seen here.
 * @param bytes - a file with its header, not necessarily closed
 * @returns what differs, one line per chunk
 */
export function checkResumedOpen(bytes: Uint8Array): string[] {
  const whole = readWire(bytes);
  const chunks = splitChunks(bytes);
  if (typeof chunks === 'string') return [`the resumed file is not laid out as FORMAT.md §2-3 says: ${chunks}`];
  const t = whole.trace;
  const c = t.columns;
  const walk = new DeclaredOpen();
  let at = 0;
  const problems: string[] = [];
  for (const [i, chunk] of chunks.entries()) {
    const alone = readWire(bytes.subarray(chunk.start, chunk.start + 13 + chunk.payload.length));
    const cp = alone.checkpoint;
    if (cp === undefined) {
      problems.push(`chunk ${i} does not decode on its own: ${alone.loss?.error.message ?? 'no checkpoint'}`);
      break;
    }
    for (; at < cp.eventsBefore && at < t.length; at++) walk.follow(c.kind[at]!, c.activation[at]!, t.codeName(c.code[at]!));
    const declared = formatOpen(cp.open.map((o) => ({ activation: o.activation, code: alone.trace.codeName(o.code), state: o.state })));
    const want = formatOpen(walk.list());
    if (declared !== want) problems.push(`chunk ${i} checkpoint declares open ${declared}, want ${want} (FORMAT.md §4.1, after the file's first ${at} events)`);
  }
  return problems;
}
