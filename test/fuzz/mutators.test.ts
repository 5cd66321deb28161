import { describe, expect, it } from 'vitest';
import { makeCase, runCampaign } from '../../bench/fuzz/campaign.ts';
import { buildCorpus } from '../../bench/fuzz/corpus.ts';
import { MAX_INPUT_BYTES } from '../../bench/fuzz/mutator.ts';
import { caseSeed, Rng } from '../../bench/fuzz/rng.ts';
import { TARGETS } from '../../bench/fuzz/targets.ts';
import { record, varint } from '../../bench/fuzz/wire-mutators.ts';
import { chunkBytes, frames, unframe } from '../../bench/fuzz/wire-frames.ts';
import { readWire } from '../../src/wire/reader.ts';

const SEED = 14;
const corpus = buildCorpus(SEED);
const target = (name: string) => {
  const index = TARGETS.findIndex((t) => t.name === name);
  return { target: TARGETS[index]!, index };
};

/** The typed error codes of `cases` cases of one decoder, with their counts. */
async function codes(name: string, cases = 1500): Promise<Record<string, number>> {
  const { target: t, index } = target(name);
  const tally = await runCampaign(t, { seed: SEED, cases, corpus, targetIndex: index });
  return tally.typed as Record<string, number>;
}

describe('fuzz seeds and mutators', () => {
  it('should build seeds our own readers accept (wire, text, merged) from every format', async () => {
    expect(corpus.wire.length).toBeGreaterThan(100);
    // A partial trace's wire file has no end-of-stream record: the tolerant read loses nothing of it.
    for (const seed of corpus.wire) expect(readWire(seed).loss).toBeUndefined();
    for (const name of ['wire-stream', 'text', 'merged']) {
      const { target: t } = target(name);
      for (const seed of t.seeds(corpus)) expect(await t.run(seed)).toBeUndefined();
    }
  });

  it('should make the same input for the same (seed, decoder, case), and keep every input within MAX_INPUT_BYTES', () => {
    for (const { target: t, index } of TARGETS.map((x) => target(x.name))) {
      for (let i = 0; i < 200; i++) {
        const a = makeCase(t, t.seeds(corpus), new Rng(caseSeed(SEED, index, i)));
        const b = makeCase(t, t.seeds(corpus), new Rng(caseSeed(SEED, index, i)));
        expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
        expect(a.length).toBeLessThanOrEqual(MAX_INPUT_BYTES);
      }
    }
  });

  it('should reach records past the CRC check in wire: many codes, bad-crc far from the only one', async () => {
    const typed = await codes('wire');
    const total = Object.values(typed).reduce((a, b) => a + b, 0);

    for (const code of ['bad-record', 'unknown-record', 'undefined-code', 'bad-varint', 'unsafe-integer', 'limit-exceeded', 'truncated', 'bad-chunk', 'bad-crc']) expect(typed).toHaveProperty(code);
    expect(typed['bad-crc']! / total).toBeLessThan(0.25);
  });

  it('should reach the bounds and the schema of the JSON readers, not only the JSON grammar', async () => {
    const jsonl = await codes('jsonl');
    const chrome = await codes('chrome-decode');

    for (const code of ['bad-json', 'bad-event', 'limit-exceeded', 'unknown-kind', 'bad-header']) expect(jsonl).toHaveProperty(code);
    for (const code of ['bad-json', 'bad-event', 'limit-exceeded', 'unknown-format']) expect(chrome).toHaveProperty(code);
  });

  it('should write wire chunks back with a CRC the reader accepts, and a bad one when asked', () => {
    const file = corpus.wire[0]!;
    const f = frames(file);

    expect(unframe(f)).toEqual(file);
    const bad = new Uint8Array([...f.header!, ...chunkBytes(f.frames[0]!, f.frames[0]!.payload.length, false)]);
    expect(readWire(bad).loss?.error.code).toBe('bad-crc');
  });

  it('should write varints past 2^53 exactly, and records of every kind', () => {
    expect(varint(2 ** 53)).toEqual([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]);
    expect(varint(2 ** 64 - 1)).toHaveLength(10);
    const rng = new Rng(1);
    const types = new Set<number>();
    for (let i = 0; i < 500; i++) types.add(record(rng)[0]!);
    expect(types.size).toBeGreaterThan(30);
  });
});
