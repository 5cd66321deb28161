import fc from 'fast-check';
import { EventKind } from '../../src/model/kinds.ts';
import type { TraceEvent } from '../../src/model/event.ts';
import { Trace } from '../../src/model/trace.ts';

/** How a frame walk's events reach the writer, and when the writer flushes (`WireWriterOptions`). */
export interface FrameWalk {
  readonly trace: Trace;
  /** `append` event by event, or `appendTrace` in one call. */
  readonly via: 'append' | 'appendTrace';
  /** `flushEveryEvents`: 0 for never. */
  readonly flushEveryEvents: number;
  /** `flushEveryBytes`: 0 for never. */
  readonly flushEveryBytes: number;
  /** Calls the walk starts with (0, 70 or 140), before its random steps. */
  readonly deep: number;
}

const CODES = ['main', 'gen', 'task', 'cb'];

/**
 * A random trace whose frame events keep FORMAT.md §4.1's stack discipline (a random walk over a running
 * stack and a set of suspended activations): `call` pushes a new activation; `return` and `unwind` pop the
 * top; `yield` moves the top to the suspended set; `resume` and `throw` move a suspended one back on top;
 * `wake`, `pending`, `await`, user events (with payloads) and `dropped` records come between (a stream
 * record is an event: it counts toward `flushEveryEvents` and can end a chunk). Some activations stay suspended or running at the end;
 * one walk in three starts 70 or 140 calls deep over 70 codes (past the 64 entries and ids a writer's tables
 * start with), flushed once it is that deep and then every as many events.
 * The open list every checkpoint declares is defined for such a trace (§4.1), so the wire property can
 * compare it (`checkDeclaredOpen`); the random traces of `traceArbitrary` break the discipline on purpose.
 */
export function frameWalkArbitrary(maxSteps = 160): fc.Arbitrary<FrameWalk> {
  const step = fc.record({ op: fc.nat({ max: 99 }), pick: fc.nat(), code: fc.nat({ max: CODES.length - 1 }) });
  return fc
    .record({
      steps: fc.array(step, { maxLength: maxSteps }),
      via: fc.constantFrom<FrameWalk['via']>('append', 'appendTrace'),
      flush: fc.oneof(fc.constant([0, 0] as const), fc.tuple(fc.integer({ min: 1, max: 24 }), fc.constant(0)), fc.tuple(fc.constant(0), fc.integer({ min: 1, max: 48 }))),
      // Sometimes a deep start (past the 64 entries a writer's stack starts with) over 70 codes (past its first 64 ids).
      deep: fc.constantFrom(0, 0, 0, 0, 70, 140),
    })
    .map(({ steps, via, flush, deep }) => {
      // A deep walk is flushed right after its deep start, so a checkpoint declares all of it, and then every
      // as many events again (a checkpoint of 70..140 open activations in every small chunk is quadratic).
      const [flushEveryEvents, flushEveryBytes] = deep > 0 ? [deep + 1, 0] : flush;
      const codes = deep > 0 ? [...CODES, ...Array.from({ length: 66 }, (_, i) => `c${i}`)] : CODES;
      const events: TraceEvent[] = [];
      const running: { activation: number; code: number }[] = [];
      const suspended: { activation: number; code: number }[] = [];
      let next = 1;
      const push = (kind: EventKind, activation: number, code: number, extra: Partial<TraceEvent> = {}): void => {
        events.push({ seq: events.length, kind, activation, code, flags: 0, ...extra });
      };
      for (let i = 0; i < deep; i++) {
        const a = { activation: next++, code: i % codes.length };
        running.push(a);
        push(EventKind.Call, a.activation, a.code);
      }
      for (const { op, pick, code } of steps) {
        const top = running.at(-1);
        const some = suspended.length > 0 ? suspended[pick % suspended.length]! : undefined;
        if (op < 30 || (top === undefined && (some === undefined || op < 62))) {
          const a = { activation: next++, code };
          running.push(a);
          push(EventKind.Call, a.activation, a.code);
        } else if (op < 50 && top !== undefined) {
          running.pop();
          push(op < 45 ? EventKind.Return : EventKind.Unwind, top.activation, top.code, op < 40 ? { flags: 1 } : {});
        } else if (op < 62 && top !== undefined) {
          running.pop();
          suspended.push(top);
          push(EventKind.Yield, top.activation, top.code);
        } else if (op < 76 && some !== undefined) {
          suspended.splice(suspended.indexOf(some), 1);
          running.push(some);
          push(op < 72 ? EventKind.Resume : EventKind.Throw, some.activation, some.code);
        } else if (op < 84 && some !== undefined) {
          push(EventKind.Wake, some.activation, some.code, { waker: top?.activation ?? 0 });
        } else if (op < 90 && top !== undefined) {
          push(op < 87 ? EventKind.Pending : EventKind.Await, top.activation, top.code, { waker: some?.activation ?? 0 });
        } else if (op < 96) {
          const at = top ?? some ?? { activation: 0, code: 0 };
          push(EventKind.Event, at.activation, at.code, pick % 2 === 0 ? { payload: JSON.stringify({ n: pick % 1000 }) } : {});
        } else {
          push(EventKind.Dropped, 0, 0, { waker: 1 + (pick % 5) });
        }
      }
      // Every code once, so the trace's code table is the one the file declares.
      codes.forEach((_, c) => {
        if (!events.some((e) => e.code === c && e.kind !== EventKind.Dropped)) push(EventKind.Event, 0, c);
      });
      return { trace: Trace.fromEvents(events, codes), via, flushEveryEvents, flushEveryBytes, deep };
    });
}
