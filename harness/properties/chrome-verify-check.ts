import fc from 'fast-check';
import { ChromeVerifier, type ChromeReport, verifyChrome } from '../../src/formats/chrome-verify.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import { type ChromeEntry, type VerifyVerdict, modelVerifyChrome } from '../model/model-chrome-verify.ts';
import { refusalShapeProblems } from './refusal-shape.ts';

/**
 * A Chrome file of any tool for `verifyChrome` (issue 13): events on several threads (`pid`/`tid` numbers,
 * strings or absent), every slice phase and some others, names and async keys that collide, timestamps
 * fractional, negative or out of file order (a thread or the async events then take the verifier's
 * second read), now and then entries of the wrong shape; written as a bare array (closed or not) or an
 * object with `otherData` before or after the list, with or without a byte order mark. Judged against the
 * model of the verifier's rules (`harness/model/model-chrome-verify.ts`) in the verifier's two ways of
 * reading: `ChromeVerifier` without a replay (every slice kept and sorted) and with one (checked as read,
 * out-of-order threads read again: how `verifyChrome` runs it, which the foreign files and the file of two
 * pieces go through), each fed in random pieces.
 */
export interface WildChromeCase {
  readonly entries: readonly ChromeEntry[];
  readonly form: 'array' | 'open-array' | 'object' | 'object-other-first';
  /** `otherData` of the object form (see {@link OTHER_DATA}), by index. */
  readonly otherData: number;
  readonly bom: boolean;
  /** Where the pieces of the first read and of the replay end, as fractions of the file (sorted). */
  readonly pieces: readonly number[];
  readonly replayPieces: readonly number[];
  /** A `maxTextLength` that is not a non-negative integer (see {@link BAD_MAX}), by index. */
  readonly badMax: number;
}

const THREADS: readonly [unknown, unknown][] = [[1, 1], [1, 2], ['1', 1], [undefined, undefined], [2, 'main'], [1, 1.5], [undefined, 3]];
/** Names: plain, empty, non-ASCII, quoted; a lone surrogate and one past 4096 bytes (which decodeChrome refuses, verifyChrome does not read). */
const NAMES = ['f', 'g', 'main', '', 'ü', '😀', 'a"b', '\ud800', 'x'.repeat(4097)];
const CATS = ['io', 'net', ''];
const IDS: readonly unknown[] = [1, '1', 2, 'x'];
/** Entries of the wrong shape, each refused for the field its comment names (readEvent's order). */
const BAD: readonly unknown[] = [
  5, // event
  'x', // event
  null, // event
  [], // event
  {}, // ph
  { ph: 5, ts: 1 }, // ph
  { ph: 'B', ts: 1, dur: -1 }, // dur
  { ph: 'X', ts: 1, dur: '3', name: 5 }, // dur (before name)
  { ph: 'B', ts: 1, name: 5 }, // name
  { ph: 'b', ts: 1, id: 1, cat: true }, // cat
  { ph: 'B', ts: 1, pid: null }, // pid
  { ph: 'B', ts: '1', tid: {} }, // tid (before ts)
  { ph: 'B', ts: '1' }, // ts
  { ph: 'M', ts: '1' }, // ts, whatever the phase
  { ph: 'b', ts: 1, id: null }, // id
  { ph: 'B' }, // without ts
  { ph: 'X', ts: 1 }, // without dur
  { ph: 'e', ts: 1 }, // without id
  { ph: 'b', ts: 1, cat: 'c' }, // without id
  JSON.parse('{"__proto__":{"ph":"B"},"ts":1}') as unknown, // ph: an own __proto__ key is not followed
];
/** `otherData` values: trace-harness's `incomplete` declaration (index 1) and near misses, one past 64 KiB. */
const OTHER_DATA: readonly unknown[] = [
  undefined,
  { generator: 'trace-harness', incomplete: true },
  { generator: 'trace-harness', incomplete: 'true' },
  { generator: 'other', incomplete: true },
  { incomplete: true },
  [],
  JSON.parse('{"__proto__":{"generator":"trace-harness","incomplete":true}}') as unknown,
  null,
  { generator: 'trace-harness', incomplete: true, pad: 'x'.repeat(65536) },
];
const BAD_MAX = [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53];

const entryArbitrary: fc.Arbitrary<{ readonly e: Record<string, unknown>; readonly thread: number; readonly tick: number; readonly back: boolean }> = fc
  .record({
    ph: fc.constantFrom('B', 'B', 'E', 'E', 'X', 'X', 'b', 'e', 'e', 'M', 'i', 'C', 'n', 'BE', ''),
    name: fc.option(fc.oneof({ arbitrary: fc.constantFrom('f', 'g'), weight: 3 }, fc.constantFrom(...NAMES)), { freq: 5 }),
    thread: fc.nat(),
    tick: fc.oneof({ arbitrary: fc.constantFrom(0, 0, 1, 1, 2), weight: 30 }, { arbitrary: fc.constant(0.25), weight: 2 }, { arbitrary: fc.constant(1e15), weight: 1 }),
    back: fc.boolean(),
    dur: fc.oneof({ arbitrary: fc.nat({ max: 8 }), weight: 8 }, { arbitrary: fc.constant(0.5), weight: 1 }),
    cat: fc.option(fc.constantFrom(...CATS), { freq: 4 }),
    id: fc.constantFrom(...IDS),
  })
  .map(({ ph, name, thread, tick, back, dur, cat, id }) => {
    const e: Record<string, unknown> = { ph };
    if (name !== null) e.name = name;
    if (ph === 'X') e.dur = dur;
    if (ph === 'b' || ph === 'e' || ph === 'n') {
      if (cat !== null) e.cat = cat;
      e.id = id;
    }
    return { e, thread, tick, back };
  });

/** Random files: see {@link WildChromeCase}. A quarter have a thread out of ts order; one in eight an entry of the wrong shape. */
export function wildChromeArbitrary(): fc.Arbitrary<WildChromeCase> {
  const frac = fc.integer({ min: 0, max: 2 ** 20 - 1 }).map((i) => i / 2 ** 20);
  // Piece ends near the start too: a byte order mark split between pieces.
  const pieces = fc.array(fc.oneof(frac, fc.constantFrom(0, 1e-9, 2e-9)), { minLength: 1, maxLength: 5 }).map((a) => [...a].sort((x, y) => x - y));
  return fc
    .record({
      raw: fc.array(entryArbitrary, { maxLength: 40 }),
      // One to three threads a file (slices on few threads meet each other).
      threads: fc.uniqueArray(fc.nat({ max: THREADS.length - 1 }), { minLength: 1, maxLength: 3 }),
      start: fc.constantFrom(0, -3, 0.5),
      disorder: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 1 }),
      swaps: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 3, maxLength: 3 }),
      bad: fc.oneof({ arbitrary: fc.constant(null), weight: 7 }, { arbitrary: fc.tuple(fc.nat({ max: BAD.length - 1 }), fc.nat(), fc.nat({ max: BAD.length - 1 }), fc.nat()), weight: 1 }),
      form: fc.constantFrom('array' as const, 'open-array' as const, 'object' as const, 'object-other-first' as const),
      otherData: fc.oneof({ arbitrary: fc.nat({ max: OTHER_DATA.length - 2 }), weight: 12 }, { arbitrary: fc.constant(OTHER_DATA.length - 1), weight: 1 }),
      bom: fc.boolean(),
      pieces,
      replayPieces: pieces,
      badMax: fc.nat({ max: BAD_MAX.length - 1 }),
    })
    .map(({ raw, threads, start, disorder, swaps, bad, form, otherData, bom, pieces, replayPieces, badMax }) => {
      let t = start;
      const entries: ChromeEntry[] = raw.map(({ e: fields, thread, tick, back }) => {
        t += tick;
        const [pid, tid] = THREADS[threads[thread % threads.length]!]!;
        const e = { ...fields, ...(pid === undefined ? {} : { pid }), ...(tid === undefined ? {} : { tid }) };
        // Timed phases carry ts (the rest now and then); now and then one steps back in time.
        const timed = ['B', 'E', 'X', 'b', 'e'].includes(fields.ph as string);
        return timed || back ? { ...e, ts: back && disorder > 0 ? t - 2 : t } : e;
      });
      // Out of file order: events swapped (Chrome writes an X when it ends, after the slices inside it).
      for (let k = 0; k < disorder && entries.length > 1; k++) {
        const [i, j] = swaps[k]!.map((x) => x % entries.length) as [number, number];
        [entries[i], entries[j]] = [entries[j], entries[i]];
      }
      if (bad !== null) {
        entries.splice(bad[1] % (entries.length + 1), 0, BAD[bad[0]]);
        entries.splice(bad[3] % (entries.length + 1), 0, BAD[bad[2]]);
      }
      return { entries, form, otherData, bom, pieces, replayPieces, badMax };
    });
}

/** The file's text (without the byte order mark, which is bytes only). */
export function writeWild(c: WildChromeCase): string {
  const list = c.entries.map((e) => JSON.stringify(e)).join(',\n');
  const other = OTHER_DATA[c.otherData];
  const otherPart = other === undefined ? '' : `"otherData":${JSON.stringify(other)}`;
  switch (c.form) {
    case 'array':
      return `[${list}]`;
    case 'open-array':
      return `[${list}${c.entries.length > 0 ? ',\n' : ''}`;
    case 'object':
      // A member after the list holding values as deep as its entries, event-shaped: no entries (the scanner once handed them over).
      return `{"traceEvents":[${list}]${otherPart === '' ? '' : `,${otherPart}`},"meta":{"a":{"ph":"B","name":"m","pid":1,"tid":1,"ts":0},"b":[{"ph":"E","pid":1,"tid":1,"ts":1}]},"displayTimeUnit":"ns"}`;
    case 'object-other-first':
      return `{${otherPart === '' ? '' : `${otherPart},`}"meta":{"traceEvents":[1]},"traceEvents":[${list}]}`;
  }
}

/** Whether the file declares itself incomplete (`otherData` as trace-harness writes it, kept only up to 64 KiB): verifyChrome's `incomplete`. */
function declaresIncomplete(c: WildChromeCase): boolean {
  return (c.form === 'object' || c.form === 'object-other-first') && c.otherData === 1;
}

/** `bytes` split where `ends` (fractions) fall. */
function split(bytes: Uint8Array, ends: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let from = 0;
  for (const f of ends) {
    const to = Math.min(bytes.length, Math.ceil(f * bytes.length));
    if (to < from) continue;
    out.push(bytes.subarray(from, to));
    from = to;
  }
  out.push(bytes.subarray(from));
  return out;
}

/**
 * The case's file through both forms of `ChromeVerifier` (with a replay, as `verifyChrome` runs it, and
 * without), each fed in random pieces, against the model; then
 * `maxTextLength` one below the file's length (`limit-exceeded` naming both), and a
 * `maxTextLength` that is no non-negative integer (a RangeError naming the option).
 * @returns what differs, one line each
 */
export function checkWildChrome(c: WildChromeCase): string[] {
  const text = writeWild(c);
  const utf8 = new TextEncoder().encode(text);
  const bytes = c.bom ? Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8) : utf8;
  const want = modelVerifyChrome(c.entries);
  const incomplete = declaresIncomplete(c);
  const problems: string[] = [];
  const judge = (how: string, run: () => ChromeReport): void => void problems.push(...judgeReport(how, run, want, incomplete, text));
  judge('ChromeVerifier without a replay, in pieces', () => {
    const v = new ChromeVerifier();
    for (const p of split(bytes, c.pieces)) v.push(p);
    v.end();
    return v.end(); // called again: the same report (ChromeVerifier.end)
  });
  judge('ChromeVerifier with a replay, in pieces', () => {
    const v = new ChromeVerifier({ replay: (push) => split(bytes, c.replayPieces).forEach((p) => push(p)) });
    for (const p of split(bytes, c.pieces)) v.push(p);
    return v.end();
  });
  try {
    verifyChrome(text, { maxTextLength: text.length - 1 });
    problems.push(`wild chrome: verifyChrome read ${text.length} characters with maxTextLength ${text.length - 1}`);
  } catch (error) {
    if (!(error instanceof TraceFormatError) || error.code !== 'limit-exceeded' || error.byteOffset !== 0) problems.push(`wild chrome: maxTextLength ${text.length - 1}: want limit-exceeded at byte 0, got ${String(error)}`);
    else problems.push(...refusalShapeProblems(error, 'wild chrome: verifyChrome over maxTextLength', [`at most ${text.length - 1} characters`, `got ${text.length}`]));
  }
  const bad = BAD_MAX[c.badMax]!;
  try {
    verifyChrome(text, { maxTextLength: bad });
    problems.push(`wild chrome: verifyChrome took maxTextLength ${bad}`);
  } catch (error) {
    if (!(error instanceof RangeError) || !error.message.startsWith('verifyChrome: maxTextLength') || !error.message.includes(String(bad))) problems.push(`wild chrome: maxTextLength ${bad}: want a RangeError naming verifyChrome's maxTextLength and ${bad}, got ${String(error)}`);
  }
  return problems;
}

/** One way of reading against the model: the same report (events, threads, incomplete, violations and what their messages name), or the same refusal. */
export function judgeReport(how: string, run: () => ChromeReport, want: VerifyVerdict, incomplete: boolean, text: string): string[] {
  const at = `wild chrome: ${how}`;
  let got: ChromeReport;
  try {
    got = run();
  } catch (error) {
    if (!(error instanceof TraceFormatError)) return [`${at}: ${(error as Error).name} escaped: ${(error as Error).message}: ${text.slice(0, 2000)}`];
    if ('badEvent' in want && error.code === 'bad-event' && error.byteOffset === 0) return refusalShapeProblems(error, at, want.says);
    return [`${at} threw ${error.code} at byte ${error.byteOffset} (${error.message}); want ${'badEvent' in want ? `bad-event at traceEvents[${want.badEvent}]` : 'a report'}: ${text.slice(0, 2000)}`];
  }
  if ('badEvent' in want) return [`${at} gave a report; want bad-event at traceEvents[${want.badEvent}]: ${text.slice(0, 2000)}`];
  const problems: string[] = [];
  if (got.events !== want.events || got.threads !== want.threads || got.incomplete !== incomplete) {
    problems.push(`${at}: events ${got.events}, threads ${got.threads}, incomplete ${got.incomplete}; want ${want.events}, ${want.threads}, ${incomplete}: ${text.slice(0, 2000)}`);
  }
  const key = (rule: string, index: number, activation: number): string => `${rule} at ${index} #${activation}`;
  const left = [...want.violations];
  for (const [k, v] of got.violations.entries()) {
    if (k > 0 && v.eventIndex < got.violations[k - 1]!.eventIndex) problems.push(`${at}: violations not ordered by eventIndex (${got.violations[k - 1]!.eventIndex} then ${v.eventIndex})`);
    if (v.seq !== -1 || v.message !== `want ${v.expected}, got ${v.found}`) problems.push(`${at}: violation ${key(v.rule, v.eventIndex, v.activation)} seq ${v.seq} message ${JSON.stringify(v.message)}: want seq -1 and "want <expected>, got <found>"`);
    const i = left.findIndex((w) => key(w.rule, w.index, w.activation) === key(v.rule, v.eventIndex, v.activation) && w.says.every((s) => v.message.includes(s)));
    if (i >= 0) left.splice(i, 1);
    else {
      const near = left.find((w) => key(w.rule, w.index, w.activation) === key(v.rule, v.eventIndex, v.activation));
      problems.push(`${at}: ${key(v.rule, v.eventIndex, v.activation)} (${JSON.stringify(v.message)}) ${near === undefined ? 'is not among the model\'s' : `does not name ${JSON.stringify(near.says.filter((s) => !v.message.includes(s)))}`}: ${text.slice(0, 2000)}`);
    }
  }
  for (const w of left) problems.push(`${at}: missing ${key(w.rule, w.index, w.activation)} (naming ${JSON.stringify(w.says)}): ${text.slice(0, 2000)}`);
  return problems;
}

let badChecked = false;

/**
 * Once per process: each entry of {@link BAD} alone between two good slices, through the verifier's two ways
 * of reading (the random files meet a given wrong shape once in about 450 cases).
 * @returns what differs, one line each
 */
export function checkBadEntries(): string[] {
  if (badChecked) return [];
  const good = (ph: string, ts: number) => ({ ph, name: 'f', pid: 1, tid: 1, ts });
  const problems = BAD.flatMap((bad) => checkWildChrome({ entries: [good('B', 0), bad, good('E', 1)], form: 'array', otherData: 0, bom: false, pieces: [0.5], replayPieces: [0.3], badMax: 0 }));
  // Async pairs the random files rarely make: one out of ts order (sorted before it is judged), and unmatched
  // ends on two pids with one tid (each message names its own pid).
  const async = (ph: string, id: number, ts: number, pid: number) => ({ ph, cat: 'c', id, name: 'f', pid, tid: 1, ts });
  for (const entries of [[async('e', 1, 2, 1), async('b', 1, 1, 1)], [async('e', 1, 1, 1), async('e', 2, 2, 2), async('e', 3, 3, 1)]]) {
    problems.push(...checkWildChrome({ entries, form: 'array', otherData: 0, bom: false, pieces: [0.5], replayPieces: [0.3], badMax: 0 }));
  }
  badChecked = problems.length === 0;
  return problems;
}

let bigChecked = false;

/**
 * Once per process: a file past the 1 MiB of UTF-16 units `verifyChrome` encodes at a time, with a
 * surrogate pair across the first boundary (in a slice's name a violation message shows) and a thread out
 * of ts order, so the second read goes through the pieces too.
 * @returns what differs, one line each
 */
export function checkBigWildChrome(): string[] {
  if (bigChecked) return [];
  const PIECE = 1 << 20;
  // One metadata event padded to just under the boundary (under the 1 MiB an event may hold; the scanner
  // reads a long string fast), then the slices.
  const before = '[{"ph":"M","args":{"pad":"';
  const middle = '"}},\n{"ph":"B","name":"';
  const padLength = PIECE - 200;
  const name = `${'p'.repeat(PIECE - 1 - (before.length + padLength + middle.length))}😀`;
  const entries: ChromeEntry[] = [
    { ph: 'M', args: { pad: 'x'.repeat(padLength) } },
    { ph: 'B', name, pid: 1, tid: 1, ts: 5 },
    { ph: 'E', name: 'zz', pid: 1, tid: 1, ts: 0 },
    { ph: 'X', name: '😀', pid: 1, tid: 2, ts: 1, dur: 3 },
    { ph: 'X', name: 'ü', pid: 1, tid: 2, ts: 2, dur: 3 },
  ];
  const text = `[${entries.map((e) => JSON.stringify(e)).join(',\n')}]`;
  if (text.indexOf('😀') !== PIECE - 1) throw new Error(`checkBigWildChrome: the pair is at ${text.indexOf('😀')}, want ${PIECE - 1}`);
  const problems = judgeReport('verifyChrome on a file of two pieces', () => verifyChrome(text), modelVerifyChrome(entries), false, `(${text.length} characters)`);
  if (problems.length === 0) bigChecked = true;
  return problems;
}
