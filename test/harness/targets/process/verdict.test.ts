import { describe, expect, it } from 'vitest';
import { formatVerdict, quoteFirstBytes, StderrTail, STDERR_TAIL_BYTES } from '../../../../harness/targets/process/verdict.ts';

describe('formatVerdict', () => {
  it('should print rule, program, message, first bytes and the last stderr line on one line', () => {
    const line = formatVerdict({ rule: 'adapter/exited', programId: 'gen-2', message: 'want a response, got exit code 1', firstBytes: '""', stderrTail: 'Traceback\n  File "a.py"\nValueError: x\n\n', unusable: false });
    expect(line).toBe('adapter/exited gen-2: want a response, got exit code 1 (first bytes "") (stderr "ValueError: x")');
  });

  it('should mark an unusable adapter and omit what is absent', () => {
    expect(formatVerdict({ rule: 'adapter/protocol-version', message: 'want protocol 1, got 2', unusable: true })).toBe('adapter/protocol-version: want protocol 1, got 2 [adapter unusable]');
  });
});

describe('quoteFirstBytes', () => {
  it('should keep at most 120 bytes, cut on a character boundary', () => {
    const bytes = new TextEncoder().encode(`${'a'.repeat(119)}é tail`);
    expect(quoteFirstBytes(bytes)).toBe(JSON.stringify('a'.repeat(119)));
  });

  it('should escape control characters', () => {
    expect(quoteFirstBytes(new TextEncoder().encode('a\tb\u0000'))).toBe('"a\\tb\\u0000"');
  });
});

describe('StderrTail', () => {
  it('should keep the last 4 KiB over many chunks', () => {
    const tail = new StderrTail();
    expect(tail.text()).toBeUndefined();
    let all = '';
    for (let i = 0; i < 1000; i++) {
      const chunk = `line ${i}\n`;
      all += chunk;
      tail.push(new TextEncoder().encode(chunk));
    }
    expect(tail.text()).toBe(all.slice(-STDERR_TAIL_BYTES));
    tail.push(new TextEncoder().encode('z'.repeat(STDERR_TAIL_BYTES + 5)));
    expect(tail.text()).toBe('z'.repeat(STDERR_TAIL_BYTES));
  });
});
