import { checkGoldenOutcomes } from './golden-outcome.ts';
import { apiGoldenOutcomes } from './outcome-goldens-api.ts';
import { chromeGoldenOutcomes } from './outcome-goldens-chrome.ts';
import { lineGoldenOutcomes } from './outcome-goldens-lines.ts';

let outcome: Promise<readonly string[]> | undefined;

/**
 * Every reader's and writer's outcomes written out whole, once per process: the line formats
 * (`outcome-goldens-lines.ts`), the Chrome format (`outcome-goldens-chrome.ts`), the recorder's and the wire
 * codec's API (`outcome-goldens-api.ts`). The table is fixed, so its verdict is too; it takes about 1 s on
 * Node, most of it the bounds of 65,536 open lines, 65,535 merged streams and 65,536 Chrome slices kept in
 * columns.
 * @returns what differs, one line each
 */
export function checkOutcomeGoldens(): Promise<readonly string[]> {
  outcome ??= checkGoldenOutcomes([...lineGoldenOutcomes(), ...chromeGoldenOutcomes(), ...apiGoldenOutcomes()]);
  return outcome;
}
