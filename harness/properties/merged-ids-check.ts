import { formatMerged, parseMerged } from '../../src/formats/merged-text.ts';
import { EventKind } from '../../src/model/kinds.ts';
import { mergeStreams } from '../../src/model/merged-trace.ts';
import { Trace } from '../../src/model/trace.ts';

/** Stream ids at the edges of `formatMerged`'s rule: one word free of `"` is written bare, any other as a JSON string. */
const IDS = ['a', 'worker-2', 'w#1', 'é', 'a b', 'x"y', '', ' lead', 'tab\there', 'line\nbreak', '@at', 'back\\slash', '😀'];

let checked = false;

/**
 * Once per process (issue 13: the streams property names its streams `s0`, `s1`, ...): a merged trace of
 * one event on each stream id of {@link IDS} through `formatMerged` (each line `@<id> ` with the id bare or
 * quoted as its TSDoc says) and `parseMerged` (the ids and events come back, `\r\n` line ends too). The
 * bound on streams (`MAX_STREAMS`) is the unit tests' (a file past it costs 0.5 s).
 * @returns what differs, one line each
 */
export function checkMergedIds(): string[] {
  if (checked) return [];
  const problems: string[] = [];
  const streams = IDS.map((id, k) => ({ id, trace: Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0, tsNs: k }], ['f']) }));
  const text = formatMerged(mergeStreams(streams, { by: 'time' }));
  const lines = text.split('\n').filter((l) => l.startsWith('@'));
  IDS.forEach((id, k) => {
    const want = `@${/^[^\s"]+$/.test(id) ? id : JSON.stringify(id)} call f #1`;
    if (lines[k] !== want) problems.push(`merged ids: line ${k + 1} is ${JSON.stringify(lines[k])}, want ${JSON.stringify(want)}`);
  });
  for (const [how, input] of [['\\n', text], ['\\r\\n', text.replaceAll('\n', '\r\n')]] as const) {
    try {
      const back = parseMerged(input);
      const ids = back.streams.map((s) => s.id);
      if (JSON.stringify(ids) !== JSON.stringify(IDS) || back.length !== IDS.length) problems.push(`merged ids: read back (${how} line ends) as ${JSON.stringify(ids)} with ${back.length} events, want ${JSON.stringify(IDS)}`);
    } catch (error) {
      problems.push(`merged ids: the merged text (${how} line ends) is refused: ${(error as Error).message}`);
    }
  }
  checked = problems.length === 0;
  return problems;
}
