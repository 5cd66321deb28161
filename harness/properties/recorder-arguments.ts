import { EventKind } from '../../src/model/kinds.ts';
import { simulatedClock } from '../../src/recorder/clock.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { refuses, type TracerArgument } from './tracer-argument-kinds.ts';

/**
 * Rows of the tracer API table (`tracer-arguments.ts`) for the recorder under the tracer: code ids, counters,
 * the running stack under `emit()`, stream records, growth past the initial stack and capacity. Each answer
 * is written here by hand from the recorder's TSDoc.
 */
export const RECORDER_ARGUMENTS: readonly TracerArgument[] = [
  // The recorder's own API: code ids, counters, the running stack under emit().
  refuses('trace of a function named with a lone surrogate', 'RangeError', ['Tracer', 'code name', 'lone surrogate'], () => new Tracer().trace(function f() {}, 'a\ud800b')),
  {
    what: 'Recorder.intern: code ids from 0 in order of first use, the same name the same id',
    run: () => {
      const t = new Tracer();
      const f = t.trace(function f() {});
      const g = t.trace(function g() {});
      const again = t.trace(function f() {}); // another function of the same name: the same code
      f();
      g();
      again();
      const s = t.snapshot();
      const got = `${JSON.stringify(s.codes)} ${[...s.columns.code].join(',')} ${t.recorder.intern('g')}`;
      return got === '["f","g"] 0,0,1,1,0,0 1' ? [] : [`Recorder.intern: codes, code column and intern('g') ${got}, want ["f","g"] 0,0,1,1,0,0 1`];
    },
  },
  {
    what: 'Recorder counters: length (held), emitted (held + dropped), dropped (evicted by a flight recorder)',
    run: () => {
      const t = new Tracer({ retain: { events: 2 } });
      const f = t.trace(function f() {});
      f();
      f();
      f(); // 6 events, 2 retained
      const r = t.recorder;
      const plain = new Tracer();
      plain.trace(function g() {})();
      const got = [r.length, r.emitted, r.dropped, plain.recorder.length, plain.recorder.emitted, plain.recorder.dropped].join(' ');
      return got === '2 6 4 2 2 0' ? [] : [`Recorder counters: length emitted dropped ${got}, want 2 6 4 2 2 0`];
    },
  },
  {
    what: 'Recorder.emit: entry edges push, exit edges pop, wake and pending neither; an exit with nothing running leaves nothing running',
    run: () => {
      const r = new Tracer().recorder;
      const code = r.intern('f');
      const seen: string[] = [];
      const now = (): string => {
        const frame = r.currentFrame();
        return `${r.currentActivation()}:${frame === undefined ? '-' : frame.activation}`;
      };
      r.emit(EventKind.Return, 9, code, 0); // nothing was running
      seen.push(now());
      r.emit(EventKind.Call, 1, code, 0);
      r.emit(EventKind.Wake, 1, code, 0);
      r.emit(EventKind.Pending, 1, code, 0);
      seen.push(now());
      r.emit(EventKind.Call, 2, code, 0);
      r.emit(EventKind.Yield, 2, code, 0);
      seen.push(now());
      r.emit(EventKind.Resume, 2, code, 0);
      r.emit(EventKind.Unwind, 2, code, 0);
      r.emit(EventKind.Return, 1, code, 0);
      seen.push(now());
      return seen.join(' ') === '0:- 1:1 1:1 0:-' ? [] : [`Recorder.emit: running after each step ${seen.join(' ')}, want 0:- 1:1 1:1 0:-`];
    },
  },
  {
    what: 'a recursion 200 deep (past the recorder\'s initial stack of 64) with a clock and capacity 8: the running frame at the bottom, every event kept',
    run: () => {
      const t = new Tracer({ capacity: 8, clock: simulatedClock() });
      let bottom = '';
      // The recursive call goes through the traced wrapper (a named function expression's own name would not).
      const r: (n: number) => void = t.trace((n: number): void => {
        if (n > 1) r(n - 1);
        else bottom = `${t.recorder.currentActivation()} ${t.recorder.currentFrame()?.name}`;
      }, 'r');
      r(200);
      const s = t.snapshot();
      const ts = s.columns.tsNs;
      const growing = ts !== undefined && ts.length === 400 && ts.every((x, i) => i === 0 || x > ts[i - 1]!);
      return bottom === '200 r' && s.length === 400 && s.columns.activation[399] === 1 && growing ? [] : [`recursion 200 deep: running at the bottom ${bottom} (want 200 r), ${s.length} events (want 400), timestamps rising ${growing}`];
    },
  },
  // Recorder.emitStream: the stream records (no activation) and their u32 value.
  refuses('Recorder.emitStream of a call', 'RangeError', ['not a stream record kind'], () => new Tracer().recorder.emitStream(EventKind.Call, 1)),
  refuses('Recorder.emitStream of a wake', 'RangeError', ['not a stream record kind'], () => new Tracer().recorder.emitStream(EventKind.Wake, 1)),
  refuses('Recorder.emitStream value -1', 'RangeError', ['value must be a u32', '-1'], () => new Tracer().recorder.emitStream(EventKind.Checkpoint, -1)),
  refuses('Recorder.emitStream value 2^32', 'RangeError', ['value must be a u32', '4294967296'], () => new Tracer().recorder.emitStream(EventKind.Dropped, 2 ** 32)),
  refuses('Recorder.emitStream value 1.5', 'RangeError', ['value must be a u32', '1.5'], () => new Tracer().recorder.emitStream(EventKind.Recovery, 1.5)),
  {
    what: 'Recorder.emitStream checkpoint 0, recovery 2^32 - 1, dropped 5: recorded with their values, no activation',
    run: () => {
      const t = new Tracer();
      t.recorder.emitStream(EventKind.Checkpoint, 0);
      t.recorder.emitStream(EventKind.Recovery, 2 ** 32 - 1);
      t.recorder.emitStream(EventKind.Dropped, 5);
      const s = t.snapshot();
      const got = s.events().map((e) => `${e.kind}#${e.activation}~${e.waker}`).join(' ');
      return got === '11#0~0 12#0~4294967295 9#0~5' ? [] : [`Recorder.emitStream: recorded ${got}, want 11#0~0 12#0~4294967295 9#0~5`];
    },
  },
];
