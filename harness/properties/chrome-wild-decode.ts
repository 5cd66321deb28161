import { type ChromeThread, decodeChrome } from '../../src/formats/chrome-read.ts';
import { TraceFormatError } from '../../src/model/errors.ts';
import { type ForeignEvent, modelForeignChrome } from '../model/model-chrome-foreign.ts';
import { modelVerifyChrome } from '../model/model-chrome-verify.ts';
import { type WildChromeCase, writeWild } from './chrome-verify-check.ts';
import { refusalShapeProblems } from './refusal-shape.ts';

/**
 * A wild Chrome file (`chrome-verify-check.ts`: several threads, out of ts order, odd phases, names and
 * timestamps) through `decodeChrome`'s mapping 2, by its TSDoc (issue 13: the foreign files of
 * `chrome-foreign-check.ts` are one or two well-ordered threads of integer timestamps): the first entry of
 * the wrong shape, or a slice or instant whose name holds a lone surrogate (`bad-event`) or passes 4096
 * bytes (`limit-exceeded`), refused at its first byte; slices on several (pid, tid) threads refused as
 * `limit-exceeded` at the first entry of the second, each thread read with `options.thread` instead; each
 * thread's `B`/`E`/`X`/`b`/`e` against the model of the mapping (`model-chrome-foreign.ts`: nesting, async
 * pairs, `tsNs = round(ts × 1000)` in 0..2^53-1).
 * @returns what differs, one line each
 */
export function checkWildDecode(c: WildChromeCase): string[] {
  // A file declaring trace-harness as its writer is read by mapping 1 (our own files): not this check's.
  if ((c.form === 'object' || c.form === 'object-other-first') && (c.otherData === 1 || c.otherData === 2)) return [];
  const text = writeWild(c);
  const lead = c.bom ? 3 : 0;
  const utf8 = new TextEncoder();
  const bytes = utf8.encode(text);
  const input = c.bom ? Uint8Array.of(0xef, 0xbb, 0xbf, ...bytes) : bytes;
  // Each entry's first byte: the list's entries are written one a line after its opening.
  const open = c.form === 'array' || c.form === 'open-array' ? 1 : text.lastIndexOf('"traceEvents":[') + '"traceEvents":['.length;
  const listStart = utf8.encode(text.slice(0, open)).length;
  const offsets: number[] = [];
  let at = lead + listStart;
  for (const e of c.entries) {
    offsets.push(at);
    at += utf8.encode(JSON.stringify(e)).length + 2; // ",\n"
  }
  // 1. Shapes first, in file order: the verifier's shape rules, then the names of the entries a mapping reads.
  const shape = modelVerifyChrome(c.entries);
  const read = (e: unknown): e is Record<string, unknown> & { ph: string } => typeof e === 'object' && e !== null && ['B', 'E', 'X', 'b', 'e', 'i'].includes((e as { ph: string }).ph);
  let refusal: { code: string; at: number; says: string[] } | undefined;
  for (const [k, e] of c.entries.entries()) {
    if ('badEvent' in shape && shape.badEvent === k) {
      refusal = { code: 'bad-event', at: offsets[k]!, says: [`traceEvents[${k}]`] };
      break;
    }
    if (!read(e) || typeof e['name'] !== 'string') continue;
    const name = e['name'];
    if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(name)) {
      refusal = { code: 'bad-event', at: offsets[k]!, says: ['name'] };
      break;
    }
    if (utf8.encode(name).length > 4096) {
      refusal = { code: 'limit-exceeded', at: offsets[k]!, says: ['name'] };
      break;
    }
  }
  if (refusal !== undefined) return judge('decodeChrome', () => decodeChrome(input), refusal, text);
  // 2. Threads: the (pid, tid) of the slices, in order of first appearance (instants name a thread's first entry too).
  const threadOf = (e: Record<string, unknown>): string => JSON.stringify([e['pid'] ?? null, e['tid'] ?? null]);
  const firstEntry = new Map<string, number>();
  const slices: string[] = [];
  for (const [k, e] of c.entries.entries()) {
    if (!read(e)) continue;
    const key = threadOf(e);
    if (!firstEntry.has(key)) firstEntry.set(key, k);
    if (e.ph !== 'i' && !slices.includes(key)) slices.push(key);
  }
  slices.sort((x, y) => firstEntry.get(x)! - firstEntry.get(y)!);
  const problems: string[] = [];
  if (slices.length > 1) problems.push(...judge('decodeChrome', () => decodeChrome(input), { code: 'limit-exceeded', at: offsets[firstEntry.get(slices[1]!)!]!, says: [`${slices.length} threads`] }, text));
  for (const key of slices.length > 1 ? slices : slices.slice(0, 1)) {
    const [pid, tid] = JSON.parse(key) as [number | string | null, number | string | null];
    const thread: ChromeThread = { ...(pid === null ? {} : { pid }), ...(tid === null ? {} : { tid }) };
    const mine = [...c.entries.entries()].filter(([, e]) => read(e) && e.ph !== 'i' && threadOf(e) === key) as [number, Record<string, unknown>][];
    const events: ForeignEvent[] = mine.map(([, e]) => e as unknown as ForeignEvent);
    const v = modelForeignChrome(events, mine.map(([k]) => offsets[k]!));
    const run = slices.length > 1 ? () => decodeChrome(input, { thread }) : () => decodeChrome(input);
    if ('refusedAt' in v) problems.push(...judge(`decodeChrome of ${key}`, run, { code: 'bad-event', at: v.refusedAt, says: [`traceEvents[${mine[v.index]![0]}]`] }, text));
    else problems.push(...judge(`decodeChrome of ${key}`, run, v.events, text));
  }
  return problems;
}

/** One reading against the expected refusal (code, first byte, words) or events (`kind #activation name tsNs`). */
function judge(what: string, run: () => ReturnType<typeof decodeChrome>, want: { code: string; at: number; says: string[] } | readonly string[], text: string): string[] {
  const where = `wild chrome: ${what}`;
  try {
    const t = run();
    if (!Array.isArray(want)) return [`${where}: read ${t.length} events; want ${(want as { code: string }).code} at byte ${(want as { at: number }).at}: ${text.slice(0, 1500)}`];
    const got = t.events().map((e) => `${e.kind} #${e.activation} ${t.codeName(e.code)} ${e.tsNs}`);
    const k = got.findIndex((g, i) => g !== want[i]);
    return k < 0 && got.length === want.length ? [] : [`${where}: event ${k < 0 ? Math.min(got.length, want.length) : k}: ${got[k] ?? '(none)'}, the mapping ${want[k] ?? '(none)'} (${got.length} and ${want.length} events): ${text.slice(0, 1500)}`];
  } catch (error) {
    if (!(error instanceof TraceFormatError)) return [`${where}: ${(error as Error).name} escaped: ${(error as Error).message}`];
    if (Array.isArray(want)) return [`${where}: ${error.code} at byte ${error.byteOffset} (${error.message.slice(0, 200)}); the mapping reads ${want.length} events: ${text.slice(0, 1500)}`];
    const w = want as { code: string; at: number; says: string[] };
    if (error.code !== w.code || error.byteOffset !== w.at) return [`${where}: ${error.code} at byte ${error.byteOffset} (${error.message.slice(0, 200)}); want ${w.code} at byte ${w.at}: ${text.slice(0, 1500)}`];
    return refusalShapeProblems(error, where, w.says);
  }
}
