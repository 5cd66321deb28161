import { describe, expect, it } from 'vitest';
import { RecoveryValidator } from '../../src/check/recovery.ts';
import { runValidators } from '../../src/check/run.ts';
import { validateTrace } from '../../src/check/validate-trace.ts';
import { formatCanonical, parseCanonical, traceFromCanonical } from '../../src/formats/text.ts';
import { decodeJsonl, encodeJsonl } from '../../src/formats/jsonl.ts';
import { decodeWire } from '../../src/wire/reader.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { events } from '../fixtures/trace-builders.ts';

const recovered = `call main #1
checkpoint 1
call work #2
yield work #2
call step #3
checkpoint 2
recovery from 2
abandoned step #3
abandoned main #1
abandoned work #2
call main #4
return main #4
`;
const rules = (text: string): string[] => runValidators(events(text), [new RecoveryValidator()]).map((v) => v.rule);

describe('RecoveryValidator', () => {
  it('should accept a recovery from the last checkpoint that abandons every open activation', () => {
    expect(rules(recovered)).toEqual([]);
    expect(validateTrace(traceFromCanonical(parseCanonical(recovered).events))).toEqual([]);
  });

  it('should report a recovery from a checkpoint never committed, or not the last one', () => {
    expect(rules(recovered.replace('recovery from 2', 'recovery from 9'))).toEqual(['recovery/unknown-checkpoint']);
    expect(rules(recovered.replace('recovery from 2', 'recovery from 1'))).toEqual(['recovery/not-last-checkpoint']);
    expect(rules(recovered.replace('recovery from 2', 'recovery from ?'))).toEqual(['recovery/not-last-checkpoint']);
  });

  it('should report an activation open at the crash that was never abandoned, and a stray abandoned', () => {
    expect(rules(recovered.replace('abandoned work #2\n', ''))).toEqual(['recovery/not-abandoned']);
    expect(rules('call f #1\nabandoned f #1\n')).toEqual(['recovery/stray-abandoned']);
  });

  it('should carry recovery records through text, JSONL and wire', () => {
    const t = traceFromCanonical(parseCanonical(recovered).events);
    expect(formatCanonical(t)).toBe(recovered);
    expect(formatCanonical(decodeJsonl(encodeJsonl(t)))).toBe(recovered);
    expect(formatCanonical(decodeWire(encodeWire(t)))).toBe(recovered);
  });
});

describe('RecoveryValidator messages and positions', () => {
  it('should write a last checkpoint of id 0 as ?, as recovery records write it', () => {
    const v = runValidators(events('checkpoint 5\ncheckpoint 0\nrecovery from 5'), [new RecoveryValidator()]);
    expect(v.map((x) => x.message)).toEqual(['want recovery from ? (the last checkpoint before it), got recovery from 5']);
  });

  it('should report activations left open by a trace that ends in the run of abandoned records at event -1', () => {
    const v = runValidators(events('call main #1\ncall f #2\nrecovery from ?\nabandoned f #2'), [new RecoveryValidator()]);
    expect(v.map((x) => [x.rule, x.eventIndex, x.seq, x.activation])).toEqual([['recovery/not-abandoned', -1, -1, 1]]);
  });
});

