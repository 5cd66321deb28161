import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkReaderEdit, editFile, READER_EDITS, type EditedFormat, readerEditArbitrary } from '../../../harness/properties/reader-edits.ts';
import { traceArbitrary } from '../../../harness/properties/trace-arbitrary.ts';
import { EventKind } from '../../../src/model/kinds.ts';
import { Trace } from '../../../src/model/trace.ts';

// main calls f, f returns, main returns: four events, seq 0..3.
const trace = Trace.fromEvents(
  [
    { seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0 },
    { seq: 1, kind: EventKind.Call, activation: 2, code: 1, flags: 0 },
    { seq: 2, kind: EventKind.Return, activation: 2, code: 1, flags: 0 },
    { seq: 3, kind: EventKind.Return, activation: 1, code: 0, flags: 0 },
  ],
  ['main', 'f'],
);
const edit = (format: EditedFormat, name: string, at: number, other = 0, streams = 0) => ({ format, edit: name, at, other, streams });

describe('edits of valid files and the outcome their format gives them (issue 13, part 5)', () => {
  it('should expect unknown-kind on the edited JSONL line (the header is line 1)', () => {
    const e = editFile(trace, edit('jsonl', 'unknown-kind', 0.25))!;
    expect(e.input.split('\n')[2]).toBe('{"seq":1,"kind":"leap","activation":2,"code":"f","flags":0}');
    expect(e.expected).toEqual({ error: 'unknown-kind', line: 3, says: ['"leap"'] });
    expect(checkReaderEdit(trace, edit('jsonl', 'unknown-kind', 0.25))).toEqual([]);
  });

  it('should expect a repeated JSONL seq to be read as written', () => {
    const e = editFile(trace, edit('jsonl', 'duplicate-seq', 0, 0.99))!;
    expect(e.input.split('\n')[4]).toBe('{"seq":0,"kind":"return","activation":1,"code":"main","flags":0}');
    expect(e.read(e.input)).toEqual(e.expected && 'events' in e.expected ? e.expected.events : []);
    expect('events' in e.expected && e.expected.events.map((k) => JSON.parse(k)[6])).toEqual([0, 1, 2, 0]);
  });

  it('should expect swapped text lines in their new order (text has no seq)', () => {
    const e = editFile(trace, edit('text', 'swap-lines', 0, 0.99))!;
    expect(e.input).toBe('return main #1\ncall f #2\nreturn f #2\ncall main #1\n');
    expect(checkReaderEdit(trace, edit('text', 'swap-lines', 0, 0.99))).toEqual([]);
  });

  it('should expect an unknown flag for a word after the activation, bad-line for a line without its kind', () => {
    expect(editFile(trace, edit('text', 'extra-field', 0.5))!.expected).toEqual({ error: 'unknown-flag', line: 3, says: ['extra'] });
    expect(editFile(trace, edit('text', 'missing-field', 0.5))!.input.split('\n')[2]).toBe('f #2');
    expect(checkReaderEdit(trace, edit('text', 'missing-field', 0.5))).toEqual([]);
  });

  it('should expect bad-line on a merged line without its stream, on that line', () => {
    const e = editFile(trace, edit('merged', 'no-stream', 0.75, 0, 0b0110))!;
    expect(e.input).toBe('@a call main #1\n@b call f #2\n@b return f #2\nreturn main #1\n');
    expect(e.expected).toEqual({ error: 'bad-line', line: 4, says: ['@<stream>'] });
    expect(checkReaderEdit(trace, edit('merged', 'no-stream', 0.75, 0, 0b0110))).toEqual([]);
  });

  it('should expect bad-event at the first byte of the Chrome event whose kind the mapping cannot read', () => {
    const e = editFile(trace, edit('chrome', 'unknown-kind', 0))!;
    const start = e.input.indexOf('{"ph":"B","name":"main"'); // ASCII: characters are bytes
    expect(e.input.slice(start)).toMatch(/^\{"ph":"B","name":"main","pid":1,"tid":1,"ts":0,"args":\{"activation":1,"event":"leap"\}\},/);
    // The third entry of traceEvents (after the process and thread names): index 2.
    expect(e.expected).toEqual({ error: 'bad-event', byteRange: [start, start], says: ['traceEvents[2]', '"leap"'] });
    expect(checkReaderEdit(trace, edit('chrome', 'unknown-kind', 0))).toEqual([]);
  });

  it('should apply every edit of every format to random traces, reaching errors and acceptances, with no problem', () => {
    const applied = new Map<string, { error: number; read: number }>();
    const problems: string[] = [];
    for (const [t, c] of fc.sample(fc.tuple(traceArbitrary(60), readerEditArbitrary()), { numRuns: 3000, seed: 13 })) {
      const e = editFile(t, c);
      if (e === undefined) continue;
      const tally = applied.get(`${c.format} ${c.edit}`) ?? { error: 0, read: 0 };
      tally['error' in e.expected ? 'error' : 'read']++;
      applied.set(`${c.format} ${c.edit}`, tally);
      problems.push(...checkReaderEdit(t, c));
    }
    expect(problems.slice(0, 5)).toEqual([]);
    const all = Object.entries(READER_EDITS).flatMap(([f, edits]) => edits.map((x) => `${f} ${x}`));
    expect(all.filter((k) => (applied.get(k)?.error ?? 0) + (applied.get(k)?.read ?? 0) < 20)).toEqual([]);
    for (const f of Object.keys(READER_EDITS)) {
      const mine = [...applied].filter(([k]) => k.startsWith(`${f} `)).map(([, v]) => v);
      expect(mine.some((v) => v.error > 0) && mine.some((v) => v.read > 0), `${f}: both refusals and acceptances`).toBe(true);
    }
  });

  it('should refuse every file without events through loadTrace with the words README gives (empty-trace at byte 0)', () => {
    const t = Trace.fromEvents([{ seq: 0, kind: 1, activation: 1, code: 0, flags: 0 }, { seq: 1, kind: 2, activation: 1, code: 0, flags: 0 }], ['f']);
    // c.other picks the degenerate file: one case per eighth covers all eight.
    const problems = Array.from({ length: 8 }, (_, k) => checkReaderEdit(t, { format: 'jsonl', edit: 'blank-line', at: 0, other: (k + 0.5) / 8, streams: 0 })).flat();
    expect(problems).toEqual([]);
  });
});
