// Where the html reporter draws a trace: one lane per activation, time = event index (issue 16).
import type { ReportEvent } from './check-report.ts';

/** Entry edges: the activation starts running (as CPython's test_monitoring `DOWN_EVENTS`). */
const ENTRY = new Set(['call', 'resume', 'throw']);
/** Exit edges: the activation stops running (`UP_EVENTS`); `abandoned` closes one left open by a crash. */
const EXIT = new Set(['return', 'yield', 'unwind', 'abandoned']);

/** A stretch of event indexes, both ends inclusive. */
export interface LaneStretch {
  /** Index of the event that opens it. */
  readonly from: number;
  /** Index of the event that closes it; the last index of the trace when `open`. */
  readonly to: number;
  /** Nothing closed it before the trace ended. */
  readonly open: boolean;
}

/** One event drawn in a lane (or, for activation 0, on the time axis). */
export interface LaneMark {
  /** Its index in the trace, from 0. */
  readonly index: number;
  readonly kind: string;
  /** The event as canonical text, e.g. `wake main #1 by #2`. */
  readonly text: string;
}

/** The lane of one activation. */
export interface Lane {
  /** The activation, from 1. */
  readonly activation: number;
  /** The function name of its first event. */
  readonly code: string;
  /** Running: from an entry edge (`call`, `resume`, `throw`) to the next exit edge (`return`, `yield`, `unwind`). */
  readonly running: readonly LaneStretch[];
  /** Suspended: from a `yield` to the entry edge that resumes it; drawn as a gap. */
  readonly suspended: readonly LaneStretch[];
  /** Every event of the activation. */
  readonly marks: readonly LaneMark[];
}

/** A `wake`: the waker's completion settled what the woken activation awaited. */
export interface WakeArrow {
  /** Index of the `wake` event. */
  readonly index: number;
  /** The woken activation. */
  readonly to: number;
  /** The waker activation; 0 when unknown (a timer, an external promise). */
  readonly from: number;
  /** Index of the waker's last exit edge at or before `index` (where the arrow starts); `index` when it has none. */
  readonly fromIndex: number;
}

/** A trace laid out as swimlanes. */
export interface SwimlaneLayout {
  /** Events in the trace. */
  readonly length: number;
  /** One per activation, by activation number. */
  readonly lanes: readonly Lane[];
  readonly wakes: readonly WakeArrow[];
  /** Records of no activation (`dropped`, `checkpoint`, a user event outside any function). */
  readonly unattached: readonly LaneMark[];
}

/**
 * An event as canonical text (`call g1 #2`, `wake main #1 by #2`, `await main #1 on ?`), as
 * src/formats/text.ts writes it but without quoting: the renderer escapes it.
 * @param e - a report event
 */
export function eventText(e: ReportEvent): string {
  if (e.kind === 'dropped' || e.kind === 'checkpoint') return `${e.kind} ${e.waker ?? 0}`;
  if (e.kind === 'recovery') return `recovery from ${e.waker ? e.waker : '?'}`;
  const peer = e.waker ? `#${e.waker}` : '?';
  const tail = e.kind === 'wake' ? ` by ${peer}` : e.kind === 'await' || e.kind === 'pending' ? ` on ${peer}` : '';
  return `${e.kind} ${e.code} #${e.activation}${tail}`;
}

/**
 * Lays out a trace: for each activation its running stretches (entry edge to exit edge), its suspended
 * stretches (`yield` to the edge that resumes it) and its events; an arrow per `wake` from the waker's
 * last exit edge to the `wake`.
 * @param events - the trace, in order
 * @returns the layout; lanes sorted by activation number
 */
export function layoutSwimlanes(events: readonly ReportEvent[]): SwimlaneLayout {
  const lanes = new Map<number, { code: string; running: LaneStretch[]; suspended: LaneStretch[]; marks: LaneMark[]; runFrom?: number; suspendFrom?: number; lastExit?: number }>();
  const wakes: WakeArrow[] = [];
  const unattached: LaneMark[] = [];
  events.forEach((e, index) => {
    const mark = { index, kind: e.kind, text: eventText(e) };
    if (e.activation === 0) {
      unattached.push(mark);
      return;
    }
    let lane = lanes.get(e.activation);
    if (lane === undefined) lanes.set(e.activation, (lane = { code: e.code, running: [], suspended: [], marks: [] }));
    lane.marks.push(mark);
    // 1. An entry edge ends a suspension and starts a running stretch.
    if (ENTRY.has(e.kind)) {
      if (lane.suspendFrom !== undefined) lane.suspended.push({ from: lane.suspendFrom, to: index, open: false });
      lane.suspendFrom = undefined;
      lane.runFrom ??= index;
    }
    // 2. An exit edge ends the running stretch; a `yield` starts a suspension (an `abandoned` ends one too).
    if (EXIT.has(e.kind)) {
      if (lane.runFrom !== undefined) lane.running.push({ from: lane.runFrom, to: index, open: false });
      else if (lane.suspendFrom !== undefined) lane.suspended.push({ from: lane.suspendFrom, to: index, open: false });
      lane.runFrom = undefined;
      lane.suspendFrom = e.kind === 'yield' ? index : undefined;
      lane.lastExit = index;
    }
    // 3. A wake points from the waker's last exit edge so far.
    if (e.kind === 'wake') {
      const from = e.waker ?? 0;
      wakes.push({ index, to: e.activation, from, fromIndex: lanes.get(from)?.lastExit ?? index });
    }
  });
  // 4. What is still running or suspended at the end stays open.
  const last = events.length - 1;
  const out: Lane[] = [...lanes]
    .sort(([a], [b]) => a - b)
    .map(([activation, l]) => ({
      activation,
      code: l.code,
      running: l.runFrom !== undefined ? [...l.running, { from: l.runFrom, to: last, open: true }] : l.running,
      suspended: l.suspendFrom !== undefined ? [...l.suspended, { from: l.suspendFrom, to: last, open: true }] : l.suspended,
      marks: l.marks,
    }));
  return { length: events.length, lanes: out, wakes, unattached };
}
