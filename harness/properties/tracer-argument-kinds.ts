import type { Trace } from '../../src/model/trace.ts';
import { isStreamRecord } from '../../src/model/kinds.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { readWire } from '../../src/wire/reader.ts';
import { MemorySink } from '../../src/wire/sink.ts';

/**
 * One call of the tracer's public API at an edge of what its TSDoc allows (issue 13: what the unit tests
 * check of the recorder, a default `check` reaches too), with the answer written here by hand: an
 * argument out of range is refused with the error the TSDoc names (and the words that say which argument);
 * one in range is recorded as the TSDoc says. `run` returns what went wrong.
 */
export interface TracerArgument {
  readonly what: string;
  readonly run: () => string[];
}

/** A call that must throw `error` with every word of `says` in its message. */
export function refuses(what: string, error: 'RangeError' | 'TypeError' | 'Error' | 'TraceFormatError', says: readonly string[], call: () => unknown): TracerArgument {
  return {
    what,
    run: () => {
      try {
        call();
      } catch (e) {
        const x = e as Error;
        const missing = says.filter((w) => !x.message.includes(w));
        return x.name === error && missing.length === 0 ? [] : [`${what}: want a ${error} saying ${says.map((w) => JSON.stringify(w)).join(', ')}, got ${x.name}: ${x.message}`];
      }
      return [`${what}: accepted, want a ${error}`];
    },
  };
}

/** A recording made by `make` into a memory sink, then read back (`readWire`) and judged by `judge`. */
export function recording(what: string, make: (sink: MemorySink) => void, judge: (t: Trace, chunks: number) => string[]): TracerArgument {
  return {
    what,
    run: () => {
      const sink = new MemorySink();
      try {
        make(sink);
      } catch (e) {
        return [`${what}: threw ${String(e)}`];
      }
      const r = readWire(sink.bytes());
      if (r.loss !== undefined || !r.complete) return [`${what}: the file does not read back whole: ${r.loss?.error.message ?? 'no end-of-stream'}`];
      return judge(r.trace, r.chunks).map((p) => `${what}: ${p}`);
    },
  };
}

/** A call that must record the events `want` (`kind#activation code flags[~waker] [payload]`, one string each; the waker of `wake`, `pending`, `await`). */
export function records(what: string, want: readonly string[], run: (t: Tracer) => void, options: ConstructorParameters<typeof Tracer>[0] = {}): TracerArgument {
  return {
    what,
    run: () => {
      const t = new Tracer(options);
      try {
        run(t);
      } catch (e) {
        return [`${what}: threw ${String(e)}`];
      }
      const s = t.snapshot();
      const got = s.events().map((e) => `${e.kind}#${e.activation} ${isStreamRecord(e.kind) ? '-' : s.codeName(e.code)} ${e.flags}${e.kind === 7 || e.kind === 8 || e.kind === 13 ? `~${e.waker}` : ''}${e.payload !== undefined ? ` ${e.payload}` : ''}`);
      return got.join(' | ') === want.join(' | ') ? [] : [`${what}: recorded ${got.join(' | ')}, want ${want.join(' | ')}`];
    },
  };
}
