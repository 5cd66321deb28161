import { describe, expect, it } from 'vitest';
import { runOne } from '../../bench/fuzz/campaign.ts';
import { classify, HUNG_MS } from '../../bench/fuzz/outcome.ts';
import type { FuzzTarget } from '../../bench/fuzz/targets.ts';
import { TraceFormatError } from '../../src/model/errors.ts';

const input = new TextEncoder().encode('call f #1\n');

/** A decoder planted to do `run`, for the classifier. */
function planted(run: FuzzTarget['run']): FuzzTarget {
  return { name: 'planted', describe: 'planted', seeds: () => [input], mutators: [], run };
}

describe('fuzz outcomes: the classifier is not vacuous', () => {
  it('should count a decoder that throws a TypeError as untyped', async () => {
    const o = await runOne(planted(() => {
      const v = undefined as unknown as { x: number };
      return v.x > 0 ? undefined : undefined; // TypeError: cannot read properties of undefined
    }), input);

    expect(o.kind).toBe('untyped');
    expect(o.reason).toMatch(/^TypeError: /);
  });

  it('should count a RangeError caught and rethrown as TraceFormatError (with it as cause) as masked', async () => {
    const o = await runOne(planted(() => {
      try {
        new Array(-1);
      } catch (e) {
        throw Object.assign(new TraceFormatError('bad-event', 0, 'want a valid event'), { cause: e });
      }
      return undefined;
    }), input);

    expect(o.kind).toBe('masked');
    expect(o.code).toBe('bad-event');
    expect(o.reason).toBe('cause is RangeError: Invalid array length');
  });

  it('should count a TraceFormatError carrying an engine message as masked', async () => {
    const o = await runOne(planted(() => {
      try {
        new Array(-1);
      } catch (e) {
        throw new TraceFormatError('bad-event', 0, `want a valid event, got ${(e as Error).message.toLowerCase()}`);
      }
      return undefined;
    }), input);

    expect(o.kind).toBe('masked');
    expect(o.reason).toContain('invalid array length');
  });

  it('should count a TraceFormatError whose byteOffset was computed from undefined as masked', () => {
    const e = new TraceFormatError('bad-line', Number(undefined), 'want an event');
    expect(classify(e, undefined, input, 1).kind).toBe('masked');
  });

  it('should count a plain TraceFormatError, a reported loss and a return as typed, typed and ok', async () => {
    expect(await runOne(planted(() => {
      throw new TraceFormatError('bad-line', 0, 'want an event', 1);
    }), input)).toMatchObject({ kind: 'typed', code: 'bad-line' });
    expect(await runOne(planted(() => new TraceFormatError('truncated', 3, 'input ends inside a chunk')), input)).toMatchObject({ kind: 'typed', code: 'truncated' });
    expect(await runOne(planted(() => undefined), input)).toMatchObject({ kind: 'ok' });
  });

  it('should count a TraceFormatError with a code errors.ts does not define, and a thrown string, as untyped', () => {
    const odd = new TraceFormatError('bad-line', 0, 'x');
    Object.defineProperty(odd, 'code', { value: 'made-up' });
    expect(classify(odd, undefined, input, 1).kind).toBe('untyped');
    expect(classify('boom', undefined, input, 1).kind).toBe('untyped');
    expect(classify(undefined, undefined, input, 1, true).kind).toBe('untyped'); // `throw undefined`
  });

  it('should not call typed errors masked for words that are the reader\'s own or quoted from the input', () => {
    const words = [
      new TraceFormatError('undefined-code', 9, 'code 3 is not defined in this chunk'),
      new TraceFormatError('bad-event', 0, 'want a valid event, got seq: invalid input: expected number, received undefined', 2),
    ];
    for (const e of words) expect(classify(e, undefined, input, 1).kind).toBe('typed');
    const quoting = new TraceFormatError('bad-line', 0, 'want "<kind> <code> #<activation>", got "call undefined #x"', 1);
    expect(classify(quoting, undefined, new TextEncoder().encode('call undefined #x\n'), 1).kind).toBe('typed');
    expect(classify(quoting, undefined, input, 1).kind).toBe('masked');
  });

  it('should count a case over HUNG_MS as hung, whatever it returned', () => {
    expect(classify(undefined, undefined, input, HUNG_MS + 1).kind).toBe('hung');
    expect(classify(undefined, undefined, input, HUNG_MS).kind).toBe('ok');
  });
});
