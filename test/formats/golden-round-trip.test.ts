import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeJsonl, encodeJsonl } from '../../src/formats/jsonl.ts';
import { formatCanonical, parseCanonical, traceFromCanonical } from '../../src/formats/text.ts';
import { decodeWire } from '../../src/wire/reader.ts';
import { encodeWire } from '../../src/wire/encode.ts';

const goldens = readdirSync('golden/traces').filter((f) => f.endsWith('.trace'));

/** A trace from canonical text, with what it declares (open set, partial, complete). */
function fromText(text: string) {
  const p = parseCanonical(text);
  return traceFromCanonical(p.events, p.open, p.openPartial, p.complete);
}

describe('the golden corpus through every format', () => {
  it('should have goldens to convert', () => {
    expect(goldens.length).toBeGreaterThanOrEqual(20);
  });

  for (const name of goldens) {
    it(`should convert ${name} wire -> JSONL -> text -> wire with identical bytes`, () => {
      const text = readFileSync(`golden/traces/${name}`, 'utf8');
      const wire = encodeWire(fromText(text));
      const jsonl = encodeJsonl(decodeWire(wire));
      const back = formatCanonical(decodeJsonl(jsonl));
      const wire2 = encodeWire(fromText(back));
      expect(wire2).toEqual(wire);
      // and the text is the golden's event lines
      expect(back).toBe(text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).join('\n') + '\n');
    });
  }
});
