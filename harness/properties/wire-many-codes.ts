import { formatCanonical } from '../../src/formats/text.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { readWire } from '../../src/wire/reader.ts';

/** Code names of the traces below: more than the 64 the writer's and the reader's tables start with. */
const CODES = Array.from({ length: 300 }, (_, i) => `f${i}`);

/** 300 calls, each of its own code, in `order`; each returns at once. */
function manyCodes(order: readonly number[]): Trace {
  return Trace.fromEvents(
    order.flatMap((code, k) => [
      { seq: 2 * k, kind: EventKind.Call, activation: k + 1, code, flags: 0 },
      { seq: 2 * k + 1, kind: EventKind.Return, activation: k + 1, code, flags: 0 },
    ]),
    CODES,
  );
}

let checked = false;

/**
 * Once per process: traces of 300 code ids (the generated traces hold a handful, so the code tables of
 * `WireWriter` and the chunk decoder never grew), defined in rising and in falling order (the first code
 * past every table's end), in one chunk and in chunks of 256 bytes (codes defined again in each), through
 * `encodeWire` and `readWire`: the trace comes back (its canonical text), complete, nothing lost.
 * @returns what differs, one line each
 */
export function checkManyCodes(): string[] {
  if (checked) return [];
  const problems: string[] = [];
  const rising = CODES.map((_, i) => i);
  for (const [name, order] of [['rising', rising], ['falling', [...rising].reverse()]] as const) {
    const trace = manyCodes(order);
    for (const chunkBytes of [65536, 256]) {
      const r = readWire(encodeWire(trace, { chunkBytes }));
      if (r.loss !== undefined || !r.complete || formatCanonical(r.trace) !== formatCanonical(trace)) {
        problems.push(`wire of 300 code ids (${name}, chunks of ${chunkBytes} bytes): read back ${r.trace.length} of ${trace.length} events${r.loss ? `, lost: ${r.loss.error.message}` : ''}${r.complete ? '' : ', incomplete'}`);
      }
    }
  }
  checked = problems.length === 0;
  return problems;
}
