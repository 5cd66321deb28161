import { describeEvent } from './describe.ts';
import { type CheckedEvent, type Validator, type Violation, violation } from './violation.ts';

/**
 * Invariant 6, sequence (DESIGN §4): `seq` is an integer, strictly increasing and gap-free within the
 * stream: each event's seq is the previous one's plus one. The first seq may be any integer >= 0 (a
 * segment cut out of a longer stream starts where it was cut).
 *
 * Rules: `not-integer`, `not-increasing` (repeated or going back), `gap`.
 */
export class SeqValidator implements Validator {
  readonly name = 'seq';
  private prev = -1;
  private readonly violations: Violation[] = [];

  push(e: CheckedEvent, index: number): void {
    const seq = e.seq;
    if (!Number.isSafeInteger(seq) || seq < 0) {
      this.violations.push(violation('seq/not-integer', index, seq, e.activation, 'a seq in 0..2^53-1', `seq ${seq} on ${describeEvent(e)}`));
      return;
    }
    if (index > 0 && this.prev >= 0) {
      if (seq <= this.prev) {
        this.violations.push(violation('seq/not-increasing', index, seq, e.activation, `seq ${this.prev + 1}`, `seq ${seq} on ${describeEvent(e)}`));
      } else if (seq !== this.prev + 1) {
        this.violations.push(violation('seq/gap', index, seq, e.activation, `seq ${this.prev + 1}`, `seq ${seq} (${seq - this.prev - 1} missing)`));
      }
    }
    this.prev = Math.max(this.prev, seq);
  }

  end(): Violation[] {
    return this.violations;
  }
}
