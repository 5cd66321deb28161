import { checkGoldenOutcomes } from './golden-outcome.ts';
import { lineGoldenOutcomes } from './outcome-goldens-lines.ts';

let outcome: Promise<readonly string[]> | undefined;

/**
 * Every reader's and writer's outcomes written out whole (`outcome-goldens-lines.ts`, the line formats),
 * once per process: the table is fixed, so its verdict is too (about 0.6 s, most of it the bounds of 65,536
 * open lines and 65,535 merged streams).
 * @returns what differs, one line each
 */
export function checkOutcomeGoldens(): Promise<readonly string[]> {
  outcome ??= checkGoldenOutcomes(lineGoldenOutcomes());
  return outcome;
}
