import fc from 'fast-check';
import type { Violation } from '../../src/check/violation.ts';
import type { CaseVariant, Judge, Judgment, NegativeCase } from './negative-case.ts';
import { buildTrace, freshId, insertionPoints, pickOf, type Spliced, splice, stackAt } from './trace-rows.ts';
import { CODES, FUNCTION_CODES, type Row, type ValidBase, validBaseArbitrary } from './valid-trace.ts';

/** The random parts of a fragment case: a valid trace and naturals that place and shape the fragment. */
export interface SiteDraw {
  readonly base: ValidBase;
  readonly where: number;
  readonly pick: number;
  readonly c1: number;
  readonly c2: number;
  readonly gap: number;
  /** Declare the trace incomplete (for judges completeness does not concern: lifecycle, wake, exactness). */
  readonly incomplete: boolean;
}

/** Where a fragment goes and what it is made of: fresh activations and their codes, the frame running there. */
export interface Site {
  readonly base: ValidBase;
  /** Index of the fragment's first row. */
  readonly at: number;
  /** The activation running at `at` (top of the stack), if any. */
  readonly top: number | undefined;
  /** Fresh activation ids, increasing, none in the base. */
  readonly a: number;
  readonly b: number;
  readonly c: number;
  /** Function code ids for `a` and `b`, distinct. */
  readonly ca: number;
  readonly cb: number;
  /** A natural for choices inside the fragment. */
  readonly pick: number;
}

/** {@link SiteDraw} values. */
export const siteDraw: fc.Arbitrary<SiteDraw> = fc.record({ base: validBaseArbitrary(), where: fc.nat(), pick: fc.nat(), c1: fc.nat(), c2: fc.nat(), gap: fc.nat(3), incomplete: fc.boolean() });

/**
 * Places a fragment: an insertion point of the base (one with an empty stack when asked; the end when
 * `end`), and fresh activation ids spaced by `gap`.
 */
export function siteOf(d: SiteDraw, place: 'any' | 'empty-stack' | 'end' = 'any'): Site {
  const points = place === 'end' ? [d.base.rows.length] : insertionPoints(d.base.rows, place === 'empty-stack');
  const at = pickOf(points, d.where);
  const a = freshId(d.base.rows) + d.gap;
  const ca = d.c1 % FUNCTION_CODES;
  const cb = (ca + 1 + (d.c2 % (FUNCTION_CODES - 1))) % FUNCTION_CODES;
  return { base: d.base, at, top: stackAt(d.base.rows, at).at(-1), a, b: a + 1 + d.gap, c: a + 2 + 2 * d.gap, ca, cb, pick: d.pick };
}

/** The name of a code id. */
export function nameOf(code: number): string {
  return CODES[code] ?? `<code ${code}>`;
}

/**
 * A variant whose cases splice a fragment into a random valid trace and expect what `expect` derives from it.
 * @param name - `<rule>: <edit>`
 * @param rules - the rules every case is rejected with
 * @param judge - the validator that judges, with its options
 * @param place - where the fragment may go (see {@link siteOf})
 * @param make - the fragment at a site, the violations it must cause given the spliced rows, and optionally
 *   more judges and their verdicts on the same input
 */
export function fragmentVariant(
  name: string,
  rules: readonly string[],
  judge: Judge,
  place: 'any' | 'empty-stack' | 'end',
  make: (s: Site) => { readonly rows: readonly Row[]; readonly edit: string; readonly expect: (t: Spliced) => Violation[]; readonly also?: (t: Spliced) => Judgment[] },
): CaseVariant {
  return {
    name,
    rules,
    arbitrary: siteDraw.map((d): NegativeCase => {
      const s = siteOf(d, place);
      const f = make(s);
      const t = splice(s.base, s.at, f.rows);
      // Lifecycle, wake causality and exactness judge the same either way; the fast path then meets traces that may
      // end with frames running.
      const incomplete = d.incomplete && (judge.by === 'lifecycle' || judge.by === 'wake' || judge.by === 'exact');
      const trace = buildTrace(t.rows, s.base.codes, s.base.seq0).withComplete(!incomplete);
      return { variant: name, edit: `${f.edit} at event ${s.at}${incomplete ? ', incomplete' : ''}`, trace, checks: [{ judge, expected: f.expect(t) }, ...(f.also?.(t) ?? [])] };
    }),
  };
}
