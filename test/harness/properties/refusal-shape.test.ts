import { describe, expect, it } from 'vitest';
import { refusalShapeProblems } from '../../../harness/properties/refusal-shape.ts';
import { TraceFormatError } from '../../../src/model/errors.ts';

describe('the shape every refusal promises (TraceFormatError TSDoc)', () => {
  it('should pass a refusal built from its fields, text and byte layouts alike', () => {
    expect(refusalShapeProblems(new TraceFormatError('bad-line', 12, 'want "<kind> <code> #<activation>", got "leap f #1"', 3), 'x', ['leap'])).toEqual([]);
    expect(refusalShapeProblems(new TraceFormatError('bad-magic', 0, 'not a trace-harness wire file', undefined, 0x68), 'x')).toEqual([]);
  });

  it('should name an empty detail, a detail of two lines and one with a trailing space', () => {
    expect(refusalShapeProblems(new TraceFormatError('bad-event', 4, '', 2), 'jsonl')).toEqual(['jsonl: bad-event with a detail that is empty or not one trimmed line: "line 2: "']);
    expect(refusalShapeProblems(new TraceFormatError('bad-record', 9, 'a\nb'), 'wire')).toHaveLength(1);
    expect(refusalShapeProblems(new TraceFormatError('bad-event', 9, 'want x, got '), 'chrome')).toHaveLength(1);
  });

  it('should name a detail over 400 characters (an input value quoted whole)', () => {
    expect(refusalShapeProblems(new TraceFormatError('unknown-kind', 0, `want an event kind name, got "${'x'.repeat(360)}"`, 1), 'jsonl')).toEqual([]); // 391 characters
    const long = new TraceFormatError('code-conflict', 9, `code 1 defined as "f" and as "${'x'.repeat(4096)}"`);
    expect(refusalShapeProblems(long, 'wire')).toEqual([`wire: code-conflict with a detail of 4127 characters, max 400: ${JSON.stringify(long.message.slice(0, 120))}...`]);
  });

  it('should name a refusal wrapped twice (an outer reader that kept the inner one\'s line)', () => {
    expect(refusalShapeProblems(new TraceFormatError('bad-line', 4, 'line 1: want a kind name, got "leap"', 2), 'merged')).toEqual(['merged: bad-line whose detail holds a whole refusal again: "line 2: line 1: want a kind name, got \\"leap\\""']);
  });

  it('should name the words the refusal leaves out, compared without case', () => {
    const e = new TraceFormatError('bad-event', 0, 'want a valid event, got Seq: expected number', 2);
    expect(refusalShapeProblems(e, 'jsonl', ['seq'])).toEqual([]);
    expect(refusalShapeProblems(e, 'jsonl', ['seq', 'traceEvents[2]'])).toEqual(['jsonl: bad-event does not name "traceEvents[2]": "line 2: want a valid event, got Seq: expected number"']);
  });

  it('should refuse a message not built from the error fields (a subclass or a patched message)', () => {
    const e = new TraceFormatError('truncated', 7, 'input ends inside the chunk');
    Object.defineProperty(e, 'message', { value: 'truncated: input ends inside the chunk (at byte 8)' });
    expect(refusalShapeProblems(e, 'wire')[0]).toMatch(/is not built from its fields/);
  });
});
