// Negative cases of invariants 4 and 5 (DESIGN §4): exactness and wake causality, from fragments of fresh
// activations spliced into a random valid trace (harness/reach/valid-trace.ts).
import { EventKind } from '../../src/model/kinds.ts';
import { type CaseVariant, running, want } from './negative-case.ts';
import { pickOf, row } from './trace-rows.ts';
import { fragmentVariant } from './negative-site.ts';
import { FIRST_EVENT_TYPE, type Row } from './valid-trace.ts';

const { Call, Return, Yield, Resume, Throw, Unwind, Wake, Await, Pending, Event, Abandoned } = EventKind;
const on = (w: number): string => (w === 0 ? '?' : `#${w}`);

/** Wake causality (`src/check/wake-causality.ts`): every rule. */
export const WAKE_VARIANTS: readonly CaseVariant[] = [
  fragmentVariant('wake/unknown-waker: woken by an activation never called', ['wake/unknown-waker'], { by: 'wake' }, 'any', (s) => ({
    // #c never appears anywhere else.
    rows: [row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Wake, s.a, s.ca, { waker: s.c }), row(Resume, s.a, s.ca), row(Return, s.a, s.ca)],
    edit: `#${s.a} woken by #${s.c}, never called`,
    expect: (t) => [want('wake/unknown-waker', t.at + 2, t.seq(t.at + 2), s.a, `a waker that was called before, #${s.c} never was`, t.text(t.at + 2))],
  })),
  fragmentVariant('wake/waker-not-running: the waker is not the running frame', ['wake/waker-not-running'], { by: 'wake' }, 'any', (s) => {
    const w = s.c;
    if (s.pick % 2 === 0) {
      // The waker is suspended: the frame running at the wake is the one running where the fragment went.
      return {
        rows: [row(Call, w, s.cb), row(Yield, w, s.cb), row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Wake, s.a, s.ca, { waker: w }), row(Resume, s.a, s.ca), row(Return, s.a, s.ca)],
        edit: `#${s.a} woken by suspended #${w}`,
        expect: (t) => [want('wake/waker-not-running', t.at + 4, t.seq(t.at + 4), s.a, `#${w} running (its completion wakes)`, `${t.text(t.at + 4)} while ${s.top === undefined ? 'nothing' : `#${s.top}`} runs`)],
      };
    }
    // The waker runs, but #x and #b run above it; #w then completes normally.
    const x = s.c + 1;
    return {
      rows: [row(Call, w, s.cb), row(Call, x, s.cb), row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Call, s.b, s.ca), row(Wake, s.a, s.ca, { waker: w }), row(Return, s.b, s.ca), row(Return, x, s.cb), row(Return, w, s.cb), row(Resume, s.a, s.ca), row(Return, s.a, s.ca)],
      edit: `#${s.a} woken by #${w} while #${x}, #${s.b} run above it`,
      expect: (t) => [want('wake/waker-not-running', t.at + 5, t.seq(t.at + 5), s.a, `#${w} running (its completion wakes)`, `${t.text(t.at + 5)} while #${s.b} runs`)],
    };
  }),
  fragmentVariant('wake/waker-not-completing: the waker does something else before it completes', ['wake/waker-not-completing'], { by: 'wake' }, 'any', (s) => {
    const w = s.b;
    const next = pickOf<Row[]>([[row(Yield, w, s.cb)], [row(Event, w, FIRST_EVENT_TYPE, { payload: '"x"' }), row(Return, w, s.cb)], [row(Await, w, s.cb, { waker: 0 }), row(Return, w, s.cb)]], s.pick);
    return {
      rows: [row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Call, w, s.cb), row(Wake, s.a, s.ca, { waker: w }), ...next, row(Resume, s.a, s.ca), row(Return, s.a, s.ca)],
      edit: `#${w} wakes #${s.a}, then does not complete next`,
      expect: (t) => [want('wake/waker-not-completing', t.at + 4, t.seq(t.at + 4), w, `#${w} completing (return or unwind) right after it woke #${s.a} at event ${t.at + 3}`, t.text(t.at + 4))],
    };
  }),
  fragmentVariant('wake/waker-not-completing: a waker that woke two yields next', ['wake/waker-not-completing'], { by: 'wake' }, 'any', (s) => {
    const w = s.c;
    return {
      rows: [
        row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Call, s.b, s.ca), row(Yield, s.b, s.ca), row(Call, w, s.cb), row(Wake, s.a, s.ca, { waker: w }), row(Wake, s.b, s.ca, { waker: w }), row(Yield, w, s.cb),
        row(Resume, s.a, s.ca), row(Return, s.a, s.ca), row(Resume, s.b, s.ca), row(Return, s.b, s.ca),
      ],
      edit: `#${w} wakes #${s.a} and #${s.b}, then yields`,
      // The message names the first of its wakes.
      expect: (t) => [want('wake/waker-not-completing', t.at + 7, t.seq(t.at + 7), w, `#${w} completing (return or unwind) right after it woke #${s.a} at event ${t.at + 5}`, t.text(t.at + 7))],
    };
  }),
  fragmentVariant('wake/duplicate: two wakes in one suspension', ['wake/duplicate'], { by: 'wake' }, 'any', (s) => {
    const w = s.b;
    const byUnknown = s.pick % 2 === 1;
    const rows = byUnknown
      ? [row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Call, w, s.cb), row(Wake, s.a, s.ca, { waker: w }), row(Return, w, s.cb), row(Wake, s.a, s.ca, { waker: 0 }), row(Resume, s.a, s.ca), row(Return, s.a, s.ca)]
      : [row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Call, w, s.cb), row(Wake, s.a, s.ca, { waker: w }), row(Wake, s.a, s.ca, { waker: w }), row(Return, w, s.cb), row(Resume, s.a, s.ca), row(Return, s.a, s.ca)];
    const i = byUnknown ? 5 : 4;
    return { rows, edit: `#${s.a} woken twice`, expect: (t) => [want('wake/duplicate', t.at + i, t.seq(t.at + i), s.a, `one wake of #${s.a} per suspension`, t.text(t.at + i))] };
  }),
  ...(['?', 'an activation'] as const).map((what) =>
    fragmentVariant(`wake/missing: an activation that awaited ${what} continues unwoken`, ['wake/missing'], { by: 'wake' }, 'any', (s) => {
      const awaited = what === '?' ? 0 : pickOf([s.b, s.top ?? s.b], s.pick);
      const entry = s.pick % 4 === 3 ? row(Throw, s.a, s.ca) : row(Resume, s.a, s.ca);
      return {
        rows: [row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Await, s.a, s.ca, { waker: awaited }), entry, row(entry.kind === Throw ? Unwind : Return, s.a, s.ca)],
        edit: `#${s.a} awaits ${on(awaited)}, continues with no wake`,
        expect: (t) => [want('wake/missing', t.at + 3, t.seq(t.at + 3), s.a, `a wake of #${s.a} by ${on(awaited)} before it continues (it awaited that)`, t.text(t.at + 3))],
      };
    }),
  ),
  fragmentVariant('wake/wrong-waker: awaited an activation, woken by ?', ['wake/wrong-waker'], { by: 'wake' }, 'any', (s) => ({
    // The continuation's own wake says ?: the awaited activation did not settle it.
    rows: [row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Await, s.a, s.ca, { waker: s.c }), row(Wake, s.a, s.ca, { waker: 0 }), row(Resume, s.a, s.ca), row(Return, s.a, s.ca)],
    edit: `#${s.a} awaits #${s.c}, woken by ?`,
    expect: (t) => [want('wake/wrong-waker', t.at + 3, t.seq(t.at + 3), s.a, `a wake by #${s.c}, what #${s.a} awaited`, t.text(t.at + 3))],
  })),
  ...(['?', 'an activation'] as const).map((what) =>
    fragmentVariant(`wake/wrong-waker: awaited ${what}, woken by another activation`, ['wake/wrong-waker'], { by: 'wake' }, 'any', (s) => {
      const w = s.b;
      const awaited = what === '?' ? 0 : s.c;
      return {
        rows: [row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Await, s.a, s.ca, { waker: awaited }), row(Call, w, s.cb), row(Wake, s.a, s.ca, { waker: w }), row(Return, w, s.cb), row(Resume, s.a, s.ca), row(Return, s.a, s.ca)],
        edit: `#${s.a} awaits ${on(awaited)}, woken by #${w}`,
        expect: (t) => [want('wake/wrong-waker', t.at + 4, t.seq(t.at + 4), s.a, `a wake by ${on(awaited)}, what #${s.a} awaited`, t.text(t.at + 4))],
      };
    }),
  ),
  ...(['something else', 'another activation\'s resume'] as const).map((what) =>
    fragmentVariant(`wake/unknown-not-at-resume: ${what} between a wake by ? and its resume`, ['wake/unknown-not-at-resume'], { by: 'wake' }, 'any', (s) => {
      const c = s.c;
      const between =
        what === 'something else'
          ? pickOf<Row[]>(
              [
                [row(Call, s.b, s.cb), row(Return, s.b, s.cb)],
                [row(Event, s.top ?? 0, FIRST_EVENT_TYPE + 1)],
                // A task dump may come between; what follows it may not.
                [row(Pending, s.a, s.ca, { waker: 0 }), row(Call, s.b, s.cb), row(Return, s.b, s.cb)],
                // Another event of the woken one.
                [row(Event, s.a, FIRST_EVENT_TYPE)],
              ],
              s.pick,
            )
          : [row(Resume, c, s.cb), row(Return, c, s.cb)];
      const offender = between[0]!.kind === Pending ? 6 : 5;
      return {
        rows: [row(Call, c, s.cb), row(Yield, c, s.cb), row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Wake, s.a, s.ca, { waker: 0 }), ...between, row(Resume, s.a, s.ca), row(Return, s.a, s.ca)],
        edit: `#${s.a} woken by ?, then ${between.length} other events before its resume`,
        // Reported at the wake, when the next event shows it.
        expect: (t) => [want('wake/unknown-not-at-resume', t.at + 4, t.seq(t.at + 4), s.a, `#${s.a} resuming right after its wake by ? (the continuation records both)`, `${t.text(t.at + 4)}, then ${t.text(t.at + offender)}`)],
      };
    }),
  ),
  fragmentVariant('wake/unknown-not-at-resume: a record of the woken activation itself between a wake by ? and its resume', ['wake/unknown-not-at-resume'], { by: 'wake' }, 'any', (s) => {
    // Its own user event or await record: only its resume or throw may follow the wake, whatever activation the record names.
    const own = pickOf<Row>([row(Event, s.a, FIRST_EVENT_TYPE), row(Await, s.a, s.ca, { waker: 0 })], s.pick);
    return {
      rows: [row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Wake, s.a, s.ca, { waker: 0 }), own, row(Resume, s.a, s.ca), row(Return, s.a, s.ca)],
      edit: `#${s.a} woken by ?, then a record of its own before its resume`,
      expect: (t) => [want('wake/unknown-not-at-resume', t.at + 2, t.seq(t.at + 2), s.a, `#${s.a} resuming right after its wake by ? (the continuation records both)`, `${t.text(t.at + 2)}, then ${t.text(t.at + 3)}`)],
    };
  }),
  fragmentVariant('recovery/stray-abandoned: a waker abandoned right after its wake (to wake causality, abandoned completes it)', ['recovery/stray-abandoned'], { by: 'wake' }, 'any', (s) => ({
    rows: [row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Call, s.b, s.cb), row(Wake, s.a, s.ca, { waker: s.b }), row(Abandoned, s.b, s.cb), row(Resume, s.a, s.ca), row(Return, s.a, s.ca)],
    edit: `#${s.b} wakes #${s.a}, then is abandoned with no crash`,
    expect: () => [],
    also: (t) => [{ judge: { by: 'recovery' }, expected: [want('recovery/stray-abandoned', t.at + 4, t.seq(t.at + 4), s.b, 'abandoned only right after a recovery, for an activation open at the crash', t.text(t.at + 4))] }],
  })),
  fragmentVariant('wake/await-cycle: an activation woken by itself', ['wake/await-cycle'], { by: 'wake' }, 'any', (s) => ({
    // #b, woken by #a first, leads the search to #a; the cycle is #a alone.
    rows: [row(Call, s.a, s.ca), ...(s.pick % 2 === 0 ? [row(Wake, s.b, s.cb, { waker: s.a })] : []), row(Wake, s.a, s.ca, { waker: s.a }), row(Return, s.a, s.ca)],
    edit: `#${s.a} wakes itself`,
    expect: () => [want('wake/await-cycle', -1, -1, s.a, 'no activation awaiting itself', `#${s.a} -> #${s.a}`)],
  })),
  fragmentVariant('wake/await-cycle: activations woken by each other in a ring', ['wake/await-cycle'], { by: 'wake' }, 'any', (s) => {
    const n = 2 + (s.pick % 3);
    const ids = Array.from({ length: n }, (_, k) => s.a + k);
    const [y, y2, z] = [s.a + n, s.a + n + 1, s.a + n + 2];
    // A lead-in: #y and #y2 woken by x0 first, so the search enters the ring from outside, twice.
    const rows: Row[] = [row(Call, ids[0]!, s.ca), row(Wake, y, s.cb, { waker: ids[0]! }), row(Wake, y2, s.cb, { waker: ids[0]! }), row(Return, ids[0]!, s.ca)];
    // x0 <- x1 <- ... <- x(n-1) <- x0: each waker called, wakes, returns.
    for (let k = 1; k <= n; k++) {
      const waker = ids[k % n]!;
      rows.push(row(Call, waker, s.ca), row(Wake, ids[k - 1]!, s.ca, { waker }), row(Return, waker, s.ca));
    }
    // x0 woken once more, by #z: the edges of an activation accumulate.
    rows.push(row(Call, z, s.cb), row(Wake, ids[0]!, s.ca, { waker: z }), row(Return, z, s.cb));
    return {
      rows,
      edit: `a ring of ${n} wakes entered from #${y} and #${y2}`,
      // Found once, at the end, at the last activation of the ring; the path into it is not part of the cycle.
      expect: () => [want('wake/await-cycle', -1, -1, ids[n - 1]!, 'no activation awaiting itself', `${ids.map((x) => `#${x}`).join(' -> ')} -> #${ids[0]}`)],
    };
  }),
];

/** Exactness (`src/check/exactness.ts`): every rule. */
export const EXACT_VARIANTS: readonly CaseVariant[] = [
  fragmentVariant('exact/exit-not-current: an exit of a frame that is not the current one', ['exact/exit-not-current'], { by: 'exact' }, 'any', (s) => {
    const exit = pickOf([Return, Yield, Unwind], s.pick);
    if (s.pick % 2 === 1) {
      return {
        rows: [row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Call, s.b, s.cb), row(exit, s.a, s.ca), row(Return, s.b, s.cb)],
        edit: `suspended #${s.a} exits while #${s.b} runs`,
        expect: (t) => [want('exact/exit-not-current', t.at + 3, t.seq(t.at + 3), s.a, `#${s.a} current`, `${t.text(t.at + 3)} while #${s.b} runs`)],
      };
    }
    return {
      rows: [row(Call, s.a, s.ca), row(Call, s.b, s.cb), row(exit, s.a, s.ca)],
      edit: `#${s.a} exits while #${s.b} runs above it`,
      expect: (t) => [want('exact/exit-not-current', t.at + 2, t.seq(t.at + 2), s.a, `#${s.a} current`, `${t.text(t.at + 2)} while #${s.b} runs`)],
    };
  }),
  fragmentVariant('exact/exit-not-current: an exit with nothing running', ['exact/exit-not-current'], { by: 'exact' }, 'empty-stack', (s) => ({
    rows: [row(Call, s.a, s.ca), row(Return, s.a, s.ca), row(pickOf([Return, Yield, Unwind], s.pick), s.a, s.ca)],
    edit: `#${s.a} exits twice`,
    expect: (t) => [want('exact/exit-not-current', t.at + 2, t.seq(t.at + 2), s.a, `#${s.a} current`, `${t.text(t.at + 2)} while nothing runs`)],
  })),
  fragmentVariant('exact/wake-not-by-current: a wake recorded while the waker is not current', ['exact/wake-not-by-current'], { by: 'exact' }, 'any', (s) => {
    const w = s.b;
    if (s.pick % 2 === 0) {
      return {
        rows: [row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Call, w, s.cb), row(Call, s.c, s.ca), row(Wake, s.a, s.ca, { waker: w }), row(Return, s.c, s.ca), row(Return, w, s.cb), row(Resume, s.a, s.ca), row(Return, s.a, s.ca)],
        edit: `#${w} wakes #${s.a} while #${s.c} runs`,
        expect: (t) => [want('exact/wake-not-by-current', t.at + 4, t.seq(t.at + 4), s.a, `the waker #${w} current`, `${t.text(t.at + 4)} while #${s.c} runs`)],
      };
    }
    return {
      rows: [row(Call, w, s.cb), row(Return, w, s.cb), row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Wake, s.a, s.ca, { waker: w }), row(Resume, s.a, s.ca), row(Return, s.a, s.ca)],
      edit: `finished #${w} wakes #${s.a}`,
      expect: (t) => [want('exact/wake-not-by-current', t.at + 4, t.seq(t.at + 4), s.a, `the waker #${w} current`, `${t.text(t.at + 4)} while ${running(s.top)}`)],
    };
  }),
  fragmentVariant('lifecycle/await-not-suspended: an await record of the running activation (no frame edge: it stays current)', ['lifecycle/await-not-suspended'], { by: 'exact' }, 'any', (s) => ({
    rows: [row(Call, s.a, s.ca), row(Await, s.a, s.ca, { waker: 0 }), row(Return, s.a, s.ca)],
    edit: `#${s.a} records an await while it runs`,
    expect: () => [],
    also: (t) => [{ judge: { by: 'lifecycle' }, expected: [want('lifecycle/await-not-suspended', t.at + 1, t.seq(t.at + 1), s.a, `#${s.a} suspended (just after its yield) when it records what it awaits, it is running`, t.text(t.at + 1))] }],
  })),
  fragmentVariant('exact/event-not-current: a user event attributed to an activation while nothing runs', ['exact/event-not-current'], { by: 'exact' }, 'empty-stack', (s) => ({
    rows: [row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Event, s.a, FIRST_EVENT_TYPE + 1), row(Resume, s.a, s.ca), row(Return, s.a, s.ca)],
    edit: `a user event attributed to suspended #${s.a}, nothing running`,
    expect: (t) => [want('exact/event-not-current', t.at + 2, t.seq(t.at + 2), s.a, 'the event attributed to #0 (nothing runs)', `${t.text(t.at + 2)} while nothing runs`)],
  })),
  fragmentVariant('exact/event-not-current: a user event attributed to another activation', ['exact/event-not-current'], { by: 'exact' }, 'any', (s) => {
    const shape = s.pick % 3;
    if (shape === 0) {
      return {
        rows: [row(Call, s.a, s.ca), row(Yield, s.a, s.ca), row(Event, s.a, FIRST_EVENT_TYPE, { payload: '1' }), row(Resume, s.a, s.ca), row(Return, s.a, s.ca)],
        edit: `a user event attributed to suspended #${s.a}`,
        expect: (t) => [
          want('exact/event-not-current', t.at + 2, t.seq(t.at + 2), s.a, `the event attributed to ${s.top === undefined ? '#0 (nothing runs)' : `#${s.top}, the current activation`}`, `${t.text(t.at + 2)} while ${running(s.top)}`),
        ],
      };
    }
    const attributed = shape === 1 ? 0 : s.a;
    const rows = shape === 1 ? [row(Call, s.a, s.ca), row(Event, 0, FIRST_EVENT_TYPE + 1), row(Return, s.a, s.ca)] : [row(Call, s.a, s.ca), row(Call, s.b, s.cb), row(Event, s.a, FIRST_EVENT_TYPE + 1), row(Return, s.b, s.cb), row(Return, s.a, s.ca)];
    const i = shape === 1 ? 1 : 2;
    const current = shape === 1 ? s.a : s.b;
    return {
      rows,
      edit: `a user event attributed to #${attributed} while #${current} runs`,
      expect: (t) => [want('exact/event-not-current', t.at + i, t.seq(t.at + i), attributed, `the event attributed to #${current}, the current activation`, `${t.text(t.at + i)} while #${current} runs`)],
    };
  }),
];
