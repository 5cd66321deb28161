import { EventKind, isStreamRecord } from '../model/kinds.ts';
import type { CanonicalEvent } from '../model/event.ts';
import { describeEvent } from './describe.ts';
import { type CheckedEvent, type Validator, type Violation, violation } from './violation.ts';

/**
 * Invariant 3, model equality (DESIGN §4): the trace equals the expected one event by event, after both
 * are put in canonical form (activations renumbered first-seen, codes by name; stream records, which have
 * no activation and no code, by kind and value).
 *
 * Rules: `mismatch` at every differing index, `missing` once for expected events the trace lacks,
 * `extra` once for events beyond the expected ones.
 */
export class ModelEqualityValidator implements Validator {
  readonly name = 'model';
  private readonly renumber = new Map<number, number>();
  private readonly violations: Violation[] = [];
  private count = 0;

  /**
   * @param expected - the model's trace in canonical form
   * @param codeName - resolves a numeric code of the pushed events to its name
   */
  constructor(
    private readonly expected: readonly CanonicalEvent[],
    private readonly codeName: (code: number) => string = (c) => `code${c}`,
  ) {}

  push(e: CheckedEvent, index: number): void {
    this.count = index + 1;
    // Stream records (`dropped`, `checkpoint`, `recovery`) have no activation and no code, and carry a count or
    // an id, kept as it is: as canonical form has them. #0 is also a user event outside every activation.
    const stream = isStreamRecord(e.kind);
    let id = stream || (e.kind === EventKind.Event && e.activation === 0) ? 0 : this.renumber.get(e.activation);
    if (id === undefined) this.renumber.set(e.activation, (id = this.renumber.size + 1));
    let waker = e.waker ?? 0;
    if (waker !== 0 && !stream) {
      let w = this.renumber.get(waker);
      if (w === undefined) this.renumber.set(waker, (w = this.renumber.size + 1));
      waker = w;
    }
    const actual = { kind: e.kind, activation: id, code: stream ? '' : typeof e.code === 'string' ? e.code : this.codeName(e.code), flags: e.flags, seq: e.seq, waker, payload: e.payload };
    const want = this.expected[index];
    if (want === undefined) {
      if (index === this.expected.length) {
        this.violations.push(violation('model/extra', index, e.seq, e.activation, `end of trace after ${this.expected.length} events`, describeEvent(actual)));
      }
      return;
    }
    if (want.kind !== actual.kind || want.activation !== id || want.code !== actual.code || want.flags !== actual.flags || (want.waker ?? 0) !== waker || want.payload !== e.payload) {
      this.violations.push(violation('model/mismatch', index, e.seq, e.activation, describeEvent({ ...want, seq: index }), describeEvent(actual)));
    }
  }

  end(): Violation[] {
    if (this.count < this.expected.length) {
      const next = this.expected[this.count]!;
      this.violations.push(
        violation('model/missing', -1, -1, 0, `${this.expected.length - this.count} more events from ${describeEvent({ ...next, seq: this.count })}`, `end of trace after ${this.count} events`),
      );
    }
    return this.violations;
  }
}
