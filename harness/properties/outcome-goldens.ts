import { checkGoldenOutcomes } from './golden-outcome.ts';
import { apiGoldenOutcomes } from './outcome-goldens-api.ts';
import { lineGoldenOutcomes } from './outcome-goldens-lines.ts';

let outcome: Promise<readonly string[]> | undefined;

/**
 * Every reader's and writer's outcomes written out whole (`outcome-goldens-lines.ts`, the line formats; `outcome-goldens-api.ts`, the recorder's and the wire codec's API),
 * once per process: the table is fixed, so its verdict is too (about 0.6 s, most of it the bounds of 65,536
 * open lines and 65,535 merged streams).
 * @returns what differs, one line each
 */
export function checkOutcomeGoldens(): Promise<readonly string[]> {
  outcome ??= checkGoldenOutcomes([...lineGoldenOutcomes(), ...apiGoldenOutcomes()]);
  return outcome;
}
