import { encodeChrome } from '../../src/formats/chrome.ts';
import { decodeChrome } from '../../src/formats/chrome-read.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import { EventKind, isStreamRecord, kindFromName } from '../../src/model/kinds.ts';
import { Trace } from '../../src/model/trace.ts';
import { EVERY_KIND } from './jsonl-edit-checks.ts';
import { refusalShapeProblems } from './refusal-shape.ts';

/**
 * Our own Chrome files with one field of one entry edited, every field of every entry (issue 13: the
 * reader edits of `reader-edits.ts` try nine whole-event edits; `decodeChrome`'s mapping 1 has a rule per
 * field and phase). The verdict comes from `decodeChrome`'s and `ownRows`' TSDoc, derived here entry by
 * entry: an entry is read as what `encodeChrome` writes for its `args.event` (the phase that kind is written
 * with; a `u32` activation, waker, awaited activation or stream value; `args.returnCompletion` true or
 * absent, and only on frame events; a payload of stored JSON text of at most 4096 bytes), the `suspended`
 * markers are skipped (a `b` after a yield, an `e` before a resume or throw: `cat` `suspended` required),
 * the `open` slices come before the first event; any other entry is `bad-event` at its first byte, naming
 * `traceEvents[i]`. Run once per process.
 */

/** The trace: a line of every kind, a running and a suspended activation open where it starts. */
const TRACE = EVERY_KIND.withOpen([
  { activation: 7, code: 0, state: 'running' },
  { activation: 8, code: 1, state: 'suspended' },
]);

type Entry = Record<string, unknown> & { args?: Record<string, unknown> };
type Edit = readonly [string, (e: Entry) => Entry | undefined];

const U32_EDGES: readonly unknown[] = [undefined, '1', 2 ** 32, 2 ** 32 - 1, 1.5, -1, null];
/** Edits of one entry: [what, the edited entry (undefined: the edit does not apply)]. */
const EDITS: readonly Edit[] = [
  ['name removed', (e) => without(e, 'name')],
  ...['B', 'E', 'i', 'b', 'e'].map((ph): Edit => [`ph ${ph}`, (e) => (e.ph === ph ? undefined : { ...e, ph, ...(ph === 'b' || ph === 'e' ? { cat: 'suspended', id: 1 } : {}) })]),
  ['cat other', (e) => (e.cat === undefined ? undefined : { ...e, cat: 'other' })],
  ['cat removed', (e) => (e.cat === undefined ? undefined : without(e, 'cat'))],
  ...[undefined, 'leap', 5, 'open', 'call', 'return', 'yield', 'resume', 'throw', 'abandoned', 'wake', 'pending', 'await', 'event'].map((v): Edit => [`args.event ${String(v)}`, (e) => withArg(e, 'event', v)]),
  ...U32_EDGES.map((v): Edit => [`args.activation ${JSON.stringify(v)}`, (e) => withArg(e, 'activation', v)]),
  ...[true, 1, false].map((v): Edit => [`args.returnCompletion ${v}`, (e) => withArg(e, 'returnCompletion', v)]),
  ...['1', '{"a": 1}', 5, null, ['x'], `"${'x'.repeat(4094)}"`, `"${'x'.repeat(4095)}"`].map((v): Edit => [`args.payload ${JSON.stringify(v).slice(0, 12)}`, (e) => withArg(e, 'payload', v)]),
  // An instant without args.event named after a kind that is no stream record.
  ['instant named call without args.event', (e) => (e.ph === 'i' && e.args !== undefined ? withArg({ ...e, name: 'call' }, 'event', undefined) : undefined)],
  ...['waker', 'on', 'value'].flatMap((k) => U32_EDGES.map((v): Edit => [`args.${k} ${JSON.stringify(v)}`, (e) => withArg(e, k, v)])),
];

function without(e: Entry, k: string): Entry {
  const { [k]: _, ...rest } = e;
  return rest;
}

function withArg(e: Entry, k: string, v: unknown): Entry | undefined {
  if (e.args === undefined) return undefined;
  const { [k]: _, ...args } = e.args;
  return { ...e, args: v === undefined ? args : { ...args, [k]: v } };
}

const isU32 = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 2 ** 32 - 1;
/** The phase `encodeChrome` writes a kind's event with (its TSDoc, mapping items 2 to 5). */
function fits(ph: unknown, kind: number): boolean {
  if (ph === 'B') return kind === EventKind.Call || kind === EventKind.Resume || kind === EventKind.Throw;
  if (ph === 'E') return kind === EventKind.Return || kind === EventKind.Yield || kind === EventKind.Unwind || kind === EventKind.Abandoned;
  if (ph === 'e') return kind === EventKind.Abandoned;
  return ph === 'i' && (kind === EventKind.Wake || kind === EventKind.Pending || kind === EventKind.Await || kind === EventKind.Event);
}

/** What one entry reads as: an event (its key), an open activation, a skipped marker, or refused. */
type Reading = { readonly event: string } | { readonly open: string } | 'skip' | 'refused';

function read(e: Entry, eventsBefore: number): Reading {
  const a = e.args ?? {};
  if (typeof e.name !== 'string') return 'refused';
  // A stream record: an instant named by its kind, its number in args.value.
  if (e.ph === 'i' && a.event === undefined) {
    const kind = kindFromName(e.name);
    if (kind === undefined || !isStreamRecord(kind) || !isU32(a.value)) return 'refused';
    return { event: `${e.name} 0 - 0 ${a.value} -` };
  }
  if (typeof a.event !== 'string' || !isU32(a.activation)) return 'refused';
  if ((e.ph === 'b' || e.ph === 'e') && e.cat !== 'suspended') return 'refused';
  if (a.event === 'open') {
    if ((e.ph !== 'B' && e.ph !== 'b') || eventsBefore > 0) return 'refused';
    return { open: `${a.activation} ${e.name} ${e.ph === 'B' ? 'running' : 'suspended'}` };
  }
  const kind = kindFromName(a.event);
  if (kind === undefined) return 'refused';
  if ((e.ph === 'b' && kind === EventKind.Yield) || (e.ph === 'e' && (kind === EventKind.Resume || kind === EventKind.Throw))) return 'skip';
  if (!fits(e.ph, kind)) return 'refused';
  if (a.returnCompletion !== undefined && (a.returnCompletion !== true || kind >= EventKind.Pending)) return 'refused';
  if (a.payload !== undefined && (typeof a.payload !== 'string' || !isStoredJson(a.payload) || new TextEncoder().encode(a.payload).length > 4096)) return 'refused';
  const peer = kind === EventKind.Wake ? a.waker : kind === EventKind.Pending || kind === EventKind.Await ? a.on : undefined;
  if ((kind === EventKind.Wake || kind === EventKind.Pending || kind === EventKind.Await) && !isU32(peer)) return 'refused';
  return { event: `${a.event} ${a.activation} ${e.name} ${a.returnCompletion === true ? 1 : 0} ${peer ?? '-'} ${a.payload ?? '-'}` };
}

/** Stored JSON text (FORMAT.md §4.6): what JSON.stringify writes for the value it parses to. */
function isStoredJson(s: string): boolean {
  try {
    return JSON.stringify(JSON.parse(s)) === s;
  } catch {
    return false;
  }
}

let tablePassed = false;

/**
 * Every edit of {@link EDITS} on every entry of the trace's Chrome file (the metadata aside), through
 * `decodeChrome`, against the entry-by-entry reading above: the refusal (`bad-event` at the entry's first
 * byte, naming it), or the events and open set read.
 * @returns what differs, one line each
 */
export function checkChromeOwnTable(): string[] {
  if (tablePassed) return [];
  const lines = encodeChrome(TRACE).split('\n');
  const entries = lines.slice(1, -2).map((l) => JSON.parse(l.replace(/,$/, '')) as Entry);
  const problems: string[] = [];
  const utf8 = new TextEncoder();
  // Each edited entry in a file of its own: the metadata, the open slices, the first event (an open slice
  // after it is refused) and the edited entry; the rules are the entry's own, so the rest adds nothing.
  const firstEvent = entries.findIndex((e, k) => k >= 2 && e.args?.['event'] !== 'open');
  for (let j = 2; j < entries.length; j++) {
    const keep = [...new Set([0, 1, ...entries.flatMap((e, k) => (k >= 2 && k < firstEvent ? [k] : [])), firstEvent, j])].sort((x, y) => x - y);
    for (const [what, edit] of EDITS) {
      const edited = edit(entries[j]!);
      if (edited === undefined) continue;
      const all = keep.map((k) => (k === j ? edited : entries[k]!));
      const text = [lines[0], ...all.map((e, k) => JSON.stringify(e) + (k < all.length - 1 ? ',' : '')), ...lines.slice(-2)].join('\n');
      // The expected reading, entry by entry.
      const events: string[] = [];
      const open: string[] = [];
      let refusedAt = -1;
      for (let k = 2; k < all.length && refusedAt < 0; k++) {
        const r = read(all[k]!, events.length);
        if (r === 'refused') refusedAt = k;
        else if (r !== 'skip') 'event' in r ? events.push(r.event) : open.push(r.open);
      }
      const where = `own chrome: ${what} on traceEvents[${j}] (${JSON.stringify(entries[j]).slice(0, 80)})`;
      try {
        const t = decodeChrome(utf8.encode(text));
        if (refusedAt >= 0) {
          problems.push(`${where}: read; want bad-event at traceEvents[${refusedAt}]`);
          continue;
        }
        const got = t.events().map((e) => `${['', 'call', 'return', 'yield', 'resume', 'throw', 'unwind', 'wake', 'pending', 'dropped', 'abandoned', 'checkpoint', 'recovery', 'await', 'event'][e.kind]} ${e.activation} ${isStreamRecord(e.kind) ? '-' : t.codeName(e.code)} ${e.flags} ${e.waker ?? '-'} ${e.payload ?? '-'}`);
        const gotOpen = t.open.map((o) => `${o.activation} ${t.codeName(o.code)} ${o.state}`);
        if (JSON.stringify(got) !== JSON.stringify(events) || JSON.stringify(gotOpen) !== JSON.stringify(open)) {
          const at = got.findIndex((g, i) => g !== events[i]);
          problems.push(`${where}: event ${at < 0 ? Math.min(got.length, events.length) : at} read as ${got[at] ?? '(none)'}, want ${events[at] ?? '(none)'} (${got.length} and ${events.length} events); open ${JSON.stringify(gotOpen)}, want ${JSON.stringify(open)}`);
        }
      } catch (error) {
        if (!(error instanceof TraceFormatError)) {
          problems.push(`${where}: ${(error as Error).name} escaped decodeChrome: ${(error as Error).message}`);
          continue;
        }
        const start = utf8.encode([lines[0], ...all.slice(0, refusedAt).map((e) => `${JSON.stringify(e)},`)].join('\n') + '\n').length;
        if (refusedAt < 0 || error.code !== 'bad-event' || error.byteOffset !== start) problems.push(`${where}: ${error.code} at byte ${error.byteOffset} (${error.message.slice(0, 160)}); want ${refusedAt < 0 ? 'it read' : `bad-event at byte ${start}`}`);
        else problems.push(...refusalShapeProblems(error, where, [`traceEvents[${refusedAt}]`]));
      }
    }
  }
  // Traces without events: one with nothing (no code either) and one with only an open set, read back as written.
  for (const t of [Trace.fromEvents([], []), Trace.fromEvents([], ['f']).withOpen([{ activation: 1, code: 0, state: 'running' }])]) {
    const back = decodeChrome(utf8.encode(encodeChrome(t)));
    const open = (x: Trace): string => JSON.stringify(x.open.map((o) => `${o.activation} ${x.codeName(o.code)} ${o.state}`));
    if (back.length !== 0 || open(back) !== open(t) || back.codes.length !== t.open.length) problems.push(`own chrome: a trace of no events and ${t.open.length} open read back with ${back.length} events, open ${open(back)}, codes ${JSON.stringify(back.codes)}; want ${open(t)}`);
  }
  tablePassed = problems.length === 0;
  return problems;
}
