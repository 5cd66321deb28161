import { describe, expect, it } from 'vitest';
import { checkGoldenOutcome, checkGoldenOutcomes, type GoldenOutcome } from '../../../harness/properties/golden-outcome.ts';
import { chromeGoldenOutcomes } from '../../../harness/properties/outcome-goldens-chrome.ts';

const rows = chromeGoldenOutcomes();
const row = (what: string): GoldenOutcome => {
  const found = rows.find((r) => r.what === what);
  if (found === undefined) throw new Error(`no row ${what}`);
  return found;
};

describe('the golden outcomes of the Chrome format', () => {
  it('should give every outcome written by hand on the current code', async () => {
    // Arrange, Act
    const problems = await checkGoldenOutcomes(rows);
    // Assert
    expect(problems).toEqual([]);
  });

  it('should report a refusal whose message differs by one word', async () => {
    const r = row('decodeChrome: an E naming another B');
    if (!('throws' in r)) throw new Error('want a refusal row');
    const wrong: GoldenOutcome = { ...r, throws: { ...r.throws, message: r.throws.message!.replace('top open slice', 'open slice') } };
    expect(await checkGoldenOutcome(wrong)).toHaveLength(1);
  });

  it('should report a refusal at another offset or with another code', async () => {
    const r = row('scanner: a second traceEvents member');
    if (!('throws' in r)) throw new Error('want a refusal row');
    expect(await checkGoldenOutcome({ ...r, throws: { ...r.throws, byteOffset: r.throws.byteOffset! + 1 } })).toHaveLength(1);
    expect(await checkGoldenOutcome({ ...r, throws: { ...r.throws, code: 'bad-json' } })).toHaveLength(1);
  });

  it('should report a value that differs from the one written', async () => {
    const r = row('ChromeVerifier: in ts order (ties included), no second read');
    expect(await checkGoldenOutcome({ what: r.what, run: r.run, gives: { messages: [], replays: 1 } })).toHaveLength(1);
  });

  it('should report a refusal where a value was written, and a value where a refusal was', async () => {
    const refused = row('encodeChrome: a code name holding a lone surrogate');
    const given = row("verifyChrome: a ph named 'toString'");
    expect(await checkGoldenOutcome({ what: refused.what, run: refused.run, gives: '' })).toHaveLength(1);
    expect(await checkGoldenOutcome({ what: given.what, run: given.run, throws: { name: 'TraceFormatError' } })).toHaveLength(1);
  });
});
