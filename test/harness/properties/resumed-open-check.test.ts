import { describe, expect, it } from 'vitest';
import { checkResumedOpen } from '../../../harness/properties/resumed-open-check.ts';
import { EventKind } from '../../../src/model/kinds.ts';
import { MemorySink } from '../../../src/wire/sink.ts';
import { WireWriter } from '../../../src/wire/writer.ts';

/**
 * A file as a recording that crashed and resumed writes it: chunk 0 holds `main` #1 running and `g` #2
 * suspended (call, call, yield), then a resumed writer continues with the open list `declared` and abandons both.
 */
function resumedFile(declared: { activation: number; code: number; state: 'running' | 'suspended' }[]): Uint8Array {
  const sink = new MemorySink();
  const first = new WireWriter(sink, { chunkBytes: 256 });
  first.defineCode(0, 'main');
  first.defineCode(1, 'g');
  first.append(EventKind.Call, 1, 0, 0, 0);
  first.append(EventKind.Call, 2, 1, 0, 1);
  first.append(EventKind.Yield, 2, 1, 0, 2);
  first.flush();
  const writer = new WireWriter(sink, { chunkBytes: 256, continueFrom: { chunks: 1, events: 3, nextSeq: 3, codes: ['main', 'g'], open: declared } });
  writer.append(EventKind.Recovery, 0, 0, 0, 3, 0, 0);
  writer.append(EventKind.Abandoned, 1, 0, 0, 4);
  writer.append(EventKind.Abandoned, 2, 1, 0, 5);
  writer.flush();
  return sink.bytes();
}

describe('checkResumedOpen', () => {
  it('should accept a resumed chunk that declares the open set its prefix left (FORMAT.md §4.1)', () => {
    expect(checkResumedOpen(resumedFile([{ activation: 1, code: 0, state: 'running' }, { activation: 2, code: 1, state: 'suspended' }]))).toEqual([]);
  });

  it('should report a resumed writer that takes a suspended activation for a running one', () => {
    expect(checkResumedOpen(resumedFile([{ activation: 1, code: 0, state: 'running' }, { activation: 2, code: 1, state: 'running' }]))).toEqual([
      'chunk 1 checkpoint declares open [main #1 running, g #2 running], want [main #1 running, g #2 suspended] (FORMAT.md §4.1, after the file\'s first 3 events)',
    ]);
  });

  it('should report one that forgets an open activation', () => {
    expect(checkResumedOpen(resumedFile([{ activation: 1, code: 0, state: 'running' }]))).toEqual([
      'chunk 1 checkpoint declares open [main #1 running], want [main #1 running, g #2 suspended] (FORMAT.md §4.1, after the file\'s first 3 events)',
    ]);
  });
});
