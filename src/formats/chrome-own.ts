import { quoted, TraceFormatError } from '../model/errors.ts';
import { EventFlag, EventKind, isEntry, isExit, isStreamRecord, kindFromName } from '../model/kinds.ts';
import { isPayloadText } from '../model/payload-text.ts';
import { LIMITS } from '../wire/spec.ts';
import { utf8Length } from '../model/utf8-length.ts';
import { OPEN_EVENT, SUSPENDED_CATEGORY } from './chrome.ts';
import type { ChromeItem, Row } from './chrome-foreign.ts';

/** An activation of the open set, by code name. @internal */
export interface OwnOpen {
  readonly activation: number;
  readonly name: string;
  readonly state: 'running' | 'suspended';
}

/**
 * The events of a file `encodeChrome` wrote, read by the inverse of its mapping, in file order (see
 * `decodeChrome`, mapping 1): each event is what its `args.event` names; the `suspended` async slices that
 * only mark a suspension (`b` after a `yield`, `e` before a `resume`/`throw`) are skipped.
 * @param items - the thread's events, in file order
 * @returns the events and the open set (the `args.event: "open"` slices before the first event)
 * @throws {@link TraceFormatError} `bad-event` at the event's first byte for an event `encodeChrome` does
 *   not write (a file edited by hand): a kind that does not fit its phase, an activation or value that is
 *   not a u32, a payload that is not stored JSON text (FORMAT.md §4.6) or is over 4096 bytes (§8), an open
 *   slice after an event
 * @internal
 */
export function ownRows(items: readonly ChromeItem[]): { rows: Row[]; open: OwnOpen[] } {
  const rows: Row[] = [];
  const open: OwnOpen[] = [];
  for (const item of items) {
    const a = item.args;
    const bad = (what: string): never => {
      throw new TraceFormatError('bad-event', item.byteOffset, `want an event as trace-harness writes it at traceEvents[${item.index}], got ${what}`);
    };
    const u32 = (field: string, v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff ? v : bad(`args.${field}: ${JSON.stringify(v) ?? 'none'}, want an integer 0..2^32-1`));
    const name = item.name ?? bad('no name');
    // 1. Stream records: instants named by their kind, the value in args.value.
    if (item.ph === 'i' && a.event === undefined) {
      const kind = kindFromName(name);
      if (kind === undefined || !isStreamRecord(kind)) bad(`instant "${name}" without args.event`);
      rows.push({ kind: kind!, activation: 0, name: undefined, flags: 0, waker: u32('value', a.value), tsUs: item.ts });
      continue;
    }
    if (typeof a.event !== 'string') bad(`args.event: ${a.event === undefined ? 'none' : (JSON.stringify(a.event) ?? 'none').slice(0, 40)}, want an event kind name`);
    const event = a.event as string;
    const activation = u32('activation', a.activation);
    const suspendedSlice = item.ph === 'b' || item.ph === 'e';
    if (suspendedSlice && item.cat !== SUSPENDED_CATEGORY) bad(`async "${item.ph}" of cat ${JSON.stringify(item.cat ?? null)}, want "${SUSPENDED_CATEGORY}"`);
    // 2. The open set: before every event.
    if (event === OPEN_EVENT) {
      if (item.ph !== 'B' && item.ph !== 'b') bad(`"${item.ph}" with args.event "open"`);
      if (rows.length > 0) bad('an open slice after the first event');
      if (open.some((o) => o.activation === activation)) bad(`activation ${activation} open twice`);
      open.push({ activation, name, state: item.ph === 'B' ? 'running' : 'suspended' });
      continue;
    }
    const kind = kindFromName(event) ?? bad(`args.event ${quoted(event)}, want an event kind name`);
    // 3. Markers of a suspension: the b after a yield, the e before a resume or throw.
    if (item.ph === 'b' && kind === EventKind.Yield) continue;
    if (item.ph === 'e' && (kind === EventKind.Resume || kind === EventKind.Throw)) continue;
    // 4. The phase of each kind, as encodeChrome writes it.
    const fits =
      item.ph === 'B'
        ? isEntry(kind)
        : item.ph === 'E'
          ? isExit(kind) || kind === EventKind.Abandoned
          : item.ph === 'e'
            ? kind === EventKind.Abandoned
            : item.ph === 'i' && (kind === EventKind.Wake || kind === EventKind.Pending || kind === EventKind.Await || kind === EventKind.Event);
    if (!fits) bad(`"${item.ph}" with args.event "${event}"`);
    const flags = a.returnCompletion === true ? EventFlag.ReturnCompletion : a.returnCompletion === undefined ? 0 : bad('args.returnCompletion: want true or none');
    if (flags !== 0 && kind >= EventKind.Pending) bad(`args.returnCompletion on a ${event} record: only frame events carry flags (FORMAT.md §4.3)`);
    if (a.payload !== undefined && (typeof a.payload !== 'string' || !isPayloadText(a.payload))) bad('args.payload: want compact json text as JSON.stringify writes it (FORMAT.md §4.6)');
    if (typeof a.payload === 'string' && utf8Length(a.payload) > LIMITS.maxPayloadBytes) bad(`args.payload: want at most ${LIMITS.maxPayloadBytes} bytes, got ${utf8Length(a.payload)} (FORMAT.md §8)`);
    const peer = kind === EventKind.Wake ? u32('waker', a.waker) : kind === EventKind.Pending || kind === EventKind.Await ? u32('on', a.on) : undefined;
    rows.push({ kind, activation, name, flags, tsUs: item.ts, ...(peer === undefined ? {} : { waker: peer }), ...(a.payload === undefined ? {} : { payload: a.payload as string }) });
  }
  return { rows, open };
}
