/**
 * A model of `verifyChrome` (src/formats/chrome-verify.ts), written from its TSDoc and that of `readEvent`
 * and sharing no code with them: the property compares the verifier, in each of its three ways of reading,
 * with this on random Chrome files of any tool (issue 13).
 *
 * The rules, as that TSDoc states them. An entry of `traceEvents` is refused (`bad-event`, the first such
 * entry in file order, naming `traceEvents[i]` and the first wrong field in the order ph, dur, name, cat,
 * pid, tid, ts, id) when it is not an object, `ph` is not a string, `dur` not a number >= 0, `name` or
 * `cat` not a string, `pid`, `tid` or `id` neither a number nor a string, `ts` not a number; or when a
 * `B`/`E`/`X`/`b`/`e` has no `ts`, an `X` no `dur`, a `b`/`e` no `id`. Otherwise, per (pid, tid) thread
 * (`1` and `"1"` differ) its `B`/`E`/`X` events in `ts` order, stably, with a stack of open slices:
 * before each event the `X` slices on top that ended by its `ts` leave; a `B` opens; an `X` whose parent on
 * top is an `X` ending before it is `chrome/overlapping-complete` (at the child), then opens; an `E` first
 * reports each `X` still above the innermost `B` (it outlives the `B`: overlapping, at the `X`), then closes
 * that `B` (none: `chrome/unmatched-end`; named otherwise: `chrome/end-name-mismatch`), then reports each
 * `X` now on top that ended before the `E` (the `B` opened inside it outlived it: overlapping, at the `X`);
 * every `B` still open at the end is `chrome/open-at-end`. The async `b`/`e` of the whole file in `ts`
 * order, stably, paired by (cat, id, name): an `e` ends the latest open `b` of its pair, else
 * `chrome/async-unmatched`; every `b` still open is `chrome/async-open-at-end`. A violation's activation is
 * its event's `tid` when a number, else -1; `threads` counts the (pid, tid) of `B`/`E`/`X` events.
 */

/** One entry of `traceEvents` as the property writes it (any JSON value: the wrong shapes included). */
export type ChromeEntry = unknown;

/** A violation the model expects: rule, event index, activation, and what its message must name. */
export interface ExpectedViolation {
  readonly rule: string;
  readonly index: number;
  readonly activation: number;
  /** Text the message contains: the thread (`pid P tid T`, `-` for an absent one), the slices' names, ts. */
  readonly says: readonly string[];
}

/** What the model says `verifyChrome` gives: a report, or the `bad-event` refusal of one entry. */
export type VerifyVerdict =
  | { readonly events: number; readonly threads: number; readonly violations: readonly ExpectedViolation[] }
  | { readonly badEvent: number; readonly says: readonly string[] };

interface Event {
  readonly ph: string;
  readonly name: string | undefined;
  readonly cat: string | undefined;
  readonly pid: unknown;
  readonly tid: unknown;
  readonly ts: number;
  readonly dur: number;
  readonly id: unknown;
  readonly index: number;
}

const own = (o: object, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? (o as Record<string, unknown>)[k] : undefined);
const isId = (v: unknown): boolean => v === undefined || typeof v === 'number' || typeof v === 'string';

/** The field an entry is refused for (the first in the documented order), or undefined when it is a good event. */
function wrongField(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return 'event';
  const ph = own(e, 'ph');
  if (typeof ph !== 'string') return 'ph';
  const dur = own(e, 'dur');
  if (dur !== undefined && (typeof dur !== 'number' || dur < 0)) return 'dur';
  for (const k of ['name', 'cat']) if (own(e, k) !== undefined && typeof own(e, k) !== 'string') return k;
  for (const k of ['pid', 'tid']) if (!isId(own(e, k))) return k;
  if (own(e, 'ts') !== undefined && typeof own(e, 'ts') !== 'number') return 'ts';
  if (!isId(own(e, 'id'))) return 'id';
  if (['B', 'E', 'X', 'b', 'e'].includes(ph) && own(e, 'ts') === undefined) return 'without ts';
  if (ph === 'X' && dur === undefined) return 'without dur';
  if ((ph === 'b' || ph === 'e') && own(e, 'id') === undefined) return 'without id';
  return undefined;
}

/** `verifyChrome`'s verdict on a file whose `traceEvents` are `entries` (see the module's rules). */
export function modelVerifyChrome(entries: readonly ChromeEntry[]): VerifyVerdict {
  const bad = entries.findIndex((e) => wrongField(e) !== undefined);
  if (bad >= 0) return { badEvent: bad, says: [`traceEvents[${bad}]`, wrongField(entries[bad])!] };
  const events: Event[] = entries.map((e, index) => {
    const o = e as object;
    return { ph: own(o, 'ph') as string, name: own(o, 'name') as string | undefined, cat: own(o, 'cat') as string | undefined, pid: own(o, 'pid'), tid: own(o, 'tid'), ts: (own(o, 'ts') as number | undefined) ?? 0, dur: (own(o, 'dur') as number | undefined) ?? 0, id: own(o, 'id'), index };
  });
  const inTsOrder = (list: Event[]): Event[] => [...list].sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : a.index - b.index));
  const threadKey = (e: Event): string => `${typeof e.pid}:${String(e.pid)}|${typeof e.tid}:${String(e.tid)}`;
  const threads = new Map<string, Event[]>();
  for (const e of events) if (e.ph === 'B' || e.ph === 'E' || e.ph === 'X') threads.set(threadKey(e), [...(threads.get(threadKey(e)) ?? []), e]);
  const violations: ExpectedViolation[] = [];
  for (const list of threads.values()) violations.push(...threadViolations(inTsOrder(list)));
  violations.push(...asyncViolations(inTsOrder(events.filter((e) => e.ph === 'b' || e.ph === 'e'))));
  return { events: entries.length, threads: threads.size, violations };
}

const where = (e: Event): string => `pid ${e.pid === undefined ? '-' : String(e.pid)} tid ${e.tid === undefined ? '-' : String(e.tid)}`;
const activationOf = (e: Event): number => (typeof e.tid === 'number' ? e.tid : -1);

/** One thread's slice rules over its events in ts order. */
function threadViolations(list: readonly Event[]): ExpectedViolation[] {
  const out: ExpectedViolation[] = [];
  const report = (rule: string, at: Event, says: string[]): void => void out.push({ rule, index: at.index, activation: activationOf(at), says: [where(at), ...says] });
  const stack: { e: Event; end: number }[] = []; // a B has end Infinity
  const isX = (s: { e: Event } | undefined): boolean => s?.e.ph === 'X';
  for (const e of list) {
    while (isX(stack.at(-1)) && stack.at(-1)!.end <= e.ts) stack.pop();
    const name = e.name ?? '';
    if (e.ph === 'B') stack.push({ e, end: Infinity });
    else if (e.ph === 'X') {
      const end = e.ts + e.dur;
      const parent = stack.at(-1);
      if (isX(parent) && end > parent!.end) report('chrome/overlapping-complete', e, [`x "${name}"`, `end at ts ${end}`, `x "${parent!.e.name ?? ''}"`]);
      stack.push({ e, end });
    } else {
      while (isX(stack.at(-1))) {
        const x = stack.pop()!;
        report('chrome/overlapping-complete', x.e, [`x "${x.e.name ?? ''}"`, `end at ts ${x.end}`]);
      }
      const b = stack.pop();
      if (b === undefined) {
        report('chrome/unmatched-end', e, [`e "${name}" at ts ${e.ts}`]);
        continue;
      }
      const bName = b.e.name ?? '';
      if (e.name !== undefined && e.name !== bName) report('chrome/end-name-mismatch', e, [`e "${bName}"`, `e "${e.name}" at ts ${e.ts}`]);
      while (isX(stack.at(-1)) && stack.at(-1)!.end < e.ts) {
        const x = stack.pop()!;
        report('chrome/overlapping-complete', x.e, [`b "${bName}"`, `x "${x.e.name ?? ''}"`]);
      }
    }
  }
  for (const s of stack) if (s.e.ph === 'B') report('chrome/open-at-end', s.e, [`b "${s.e.name ?? ''}"`]);
  return out;
}

/** The async pairs' rules over the file's `b`/`e` events in ts order. */
function asyncViolations(list: readonly Event[]): ExpectedViolation[] {
  const out: ExpectedViolation[] = [];
  const open = new Map<string, Event[]>();
  const pair = (e: Event): string => `"${e.name ?? ''}" (cat "${e.cat ?? ''}", id ${JSON.stringify(e.id)})`;
  const key = (e: Event): string => `${e.cat ?? ''}\u0000${typeof e.id}:${String(e.id)}\u0000${e.name ?? ''}`;
  for (const e of list) {
    const stack = open.get(key(e)) ?? [];
    open.set(key(e), stack);
    if (e.ph === 'b') stack.push(e);
    else if (stack.pop() === undefined) out.push({ rule: 'chrome/async-unmatched', index: e.index, activation: activationOf(e), says: [pair(e), `e at ts ${e.ts} on ${where(e)}`] });
  }
  for (const stack of open.values()) for (const b of stack) out.push({ rule: 'chrome/async-open-at-end', index: b.index, activation: activationOf(b), says: [pair(b), where(b)] });
  return out;
}
