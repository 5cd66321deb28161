import { type Violation, violation } from '../check/violation.ts';

/** The rules of `verifyChrome`. @internal */
export const RULE = {
  unmatchedEnd: 'chrome/unmatched-end',
  nameMismatch: 'chrome/end-name-mismatch',
  openAtEnd: 'chrome/open-at-end',
  overlap: 'chrome/overlapping-complete',
  asyncUnmatched: 'chrome/async-unmatched',
  asyncOpenAtEnd: 'chrome/async-open-at-end',
} as const;

/** Phase codes of the slices checked. @internal */
export const PH = { B: 1, E: 2, X: 3, b: 4, e: 5 } as const;

/** An open slice on a thread's stack: a `B` (no known end yet) or an `X` (ends at `end`, µs). @internal */
interface Open {
  readonly complete: boolean;
  readonly name: string;
  readonly index: number;
  readonly end: number;
}

/** A thread as messages name it: its pid and tid as written (`-` when absent). @internal */
export interface ThreadLabel {
  readonly pid: unknown;
  readonly tid: unknown;
}

/**
 * Slice balance of one (pid, tid) thread, fed its `B`/`E`/`X` events one at a time in `ts` order (stable):
 * the one check `verifyChrome` runs, whether the events arrive in order (checked as they are read) or were
 * sorted first. Holds only the slices open on the thread: each event looks at the top of the stack, so a
 * thread costs O(events) time and O(depth) memory. @internal
 */
export class ThreadCheck {
  /** Violations found so far, in the order found. */
  readonly violations: Violation[] = [];
  /** Slices open on this thread, innermost last. */
  private readonly stack: Open[] = [];
  private readonly where: string;
  private readonly tid: number;
  /** The `ts` of the last event fed (µs). */
  lastTs = -Infinity;

  constructor(thread: ThreadLabel) {
    this.where = `pid ${thread.pid ?? '-'} tid ${thread.tid ?? '-'}`;
    this.tid = typeof thread.tid === 'number' ? thread.tid : -1;
  }

  private report(rule: string, index: number, want: string, got: string): void {
    this.violations.push(violation(rule, index, -1, this.tid, `${want} on ${this.where}`, got));
  }

  /**
   * The next event of the thread.
   * @param ph - {@link PH} `B`, `E` or `X`
   * @param ts - its `ts` (µs)
   * @param end - `ts + dur` of an `X` (µs)
   * @param name - its `name`; undefined when it has none
   * @param index - its index in the event list
   */
  step(ph: number, ts: number, end: number, name: string | undefined, index: number): void {
    const stack = this.stack;
    this.lastTs = ts;
    // 1. Complete slices on top that ended by now leave the stack.
    while (stack.length > 0 && stack.at(-1)!.complete && stack.at(-1)!.end <= ts) stack.pop();
    const named = name ?? '';
    if (ph === PH.B) {
      stack.push({ complete: false, name: named, index, end: Infinity });
    } else if (ph === PH.X) {
      const parent = stack.at(-1);
      if (parent !== undefined && parent.complete && end > parent.end) {
        this.report(RULE.overlap, index, `x "${named}" to end by ts ${parent.end} (end of x "${parent.name}")`, `end at ts ${end}`);
      }
      stack.push({ complete: true, name: named, index, end });
    } else {
      // 2. An E closes the top B; complete slices still above it outlive that B.
      while (stack.length > 0 && stack.at(-1)!.complete) {
        const x = stack.pop()!;
        this.report(RULE.overlap, x.index, `x "${x.name}" to end by ts ${ts} (e of the b below it)`, `end at ts ${x.end}`);
      }
      const top = stack.pop();
      if (top === undefined) {
        this.report(RULE.unmatchedEnd, index, 'an open b slice', `e "${named}" at ts ${ts}`);
        return;
      }
      if (name !== undefined && name !== top.name) {
        this.report(RULE.nameMismatch, index, `e "${top.name}" (top open slice)`, `e "${name}" at ts ${ts}`);
      }
      // 3. Each X that ended while this B (opened inside it) was still open was overlapped by it: the X
      //    slices below it that ended before now, innermost first (an X inside an X ends no later).
      while (stack.length > 0 && stack.at(-1)!.complete && stack.at(-1)!.end < ts) {
        const below = stack.pop()!;
        this.report(RULE.overlap, below.index, `b "${top.name}" closed by ts ${below.end} (end of x "${below.name}")`, `b "${top.name}" still open`);
      }
    }
  }

  /** The end of the thread: every `B` still open is reported (at the `B`). */
  finish(): Violation[] {
    for (const o of this.stack) if (!o.complete) this.report(RULE.openAtEnd, o.index, `e for b "${o.name}"`, 'end of trace');
    this.stack.length = 0;
    return this.violations;
  }
}

/** A `b` not ended yet. @internal */
interface OpenAsync {
  readonly index: number;
  readonly ts: number;
  readonly label: number;
}

/**
 * Async `b`/`e` pairing by (cat, id, name), fed the async events one at a time in `ts` order (stable): an
 * `e` closes the latest open `b` of its pair. Holds only the `b`s still open: a pair whose `b`s are all
 * ended is forgotten (an empty stack and no entry check the same), so a file of a million finished async
 * slices costs nothing at the end. @internal
 */
export class AsyncCheck {
  readonly violations: Violation[] = [];
  /** Open `b`s per pair key (`JSON.stringify([cat, id, name])`), latest last. */
  private readonly open = new Map<string, OpenAsync[]>();
  /** The `ts` of the last event fed (µs). */
  lastTs = -Infinity;

  /** @param labelOf - the thread an async event was on (by the label id given to {@link AsyncCheck.step}), for messages */
  constructor(private readonly labelOf: (label: number) => ThreadLabel) {}

  /**
   * The next async event.
   * @param ph - {@link PH} `b` or `e`
   * @param key - its pair, `JSON.stringify([cat ?? '', id, name ?? ''])`
   * @param ts - its `ts` (µs)
   * @param index - its index in the event list
   * @param label - the id of its (pid, tid), for messages
   */
  step(ph: number, key: string, ts: number, index: number, label: number): void {
    this.lastTs = ts;
    const stack = this.open.get(key);
    if (ph === PH.b) {
      if (stack === undefined) this.open.set(key, [{ index, ts, label }]);
      else stack.push({ index, ts, label });
      return;
    }
    if (stack === undefined || stack.pop() === undefined) {
      const t = this.where(label);
      this.violations.push(violation(RULE.asyncUnmatched, index, -1, t.tid, `b ${describe(key)} before its e`, `e at ts ${ts} on ${t.where}`));
    }
    if (stack !== undefined && stack.length === 0) this.open.delete(key);
  }

  /** The end: every `b` still open is reported (at the `b`). */
  finish(): Violation[] {
    for (const [key, stack] of this.open) {
      for (const b of stack) {
        const t = this.where(b.label);
        this.violations.push(violation(RULE.asyncOpenAtEnd, b.index, -1, t.tid, `e for b ${describe(key)}`, `end of trace on ${t.where}`));
      }
    }
    this.open.clear();
    return this.violations;
  }

  private where(label: number): { where: string; tid: number } {
    const t = this.labelOf(label);
    return { where: `pid ${t.pid ?? '-'} tid ${t.tid ?? '-'}`, tid: typeof t.tid === 'number' ? t.tid : -1 };
  }
}

/** An async pair as messages show it: `"read" (cat "io", id 7)`. @internal */
function describe(key: string): string {
  const [cat, id, name] = JSON.parse(key) as [string, unknown, string];
  return `"${name}" (cat "${cat}", id ${JSON.stringify(id)})`;
}
