import { expect, it } from 'vitest';
import { checkAgainstOracle } from '../harness/properties/wire-oracle-check.ts';
import { FILE_HEADER, sealChunk } from '../harness/wire-oracle/layout.ts';
const chunk = (events: number, ...records: number[][]): number[] => [...sealChunk(Uint8Array.from(records.flat()), events)];
const file = (...chunks: number[][]): Uint8Array => Uint8Array.from([...FILE_HEADER, ...chunks.flat()]);
const defineF = [0x02, 0x00, 0x01, 0x66];
const checkpoint = (index: number, before: number, seq: number): number[] => [0x01, index, before, seq, 0x00, 0x00];
it.each([
  ['varint torn', [[0x04, 0x81, 0x81]]],
  ['event torn', [[0x11, 0x02]]],
  ['open list torn', []],
])('%s', (_, recs) => {
  console.log(checkAgainstOracle('p', file(chunk(0, defineF, checkpoint(0, 0, 0), ...(recs as number[][])))));
});
it('checkpoint torn', () => {
  console.log(checkAgainstOracle('p', file(chunk(0, defineF, [0x01, 0, 0, 0, 0, 1, 0x81, 0x81]))));
  console.log(checkAgainstOracle('p', file(chunk(0, defineF, [0x01, 0, 0, 0, 0, 1, 0x01, 0x00]))));
});
