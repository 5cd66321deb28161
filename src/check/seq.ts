import { EventKind } from '../model/kinds.ts';
import { describeEvent } from './describe.ts';
import { type CheckedEvent, type Validator, type Violation, violation } from './violation.ts';

/**
 * Invariant 6, sequence (DESIGN §4): `seq` is an integer, strictly increasing and gap-free within the
 * stream: each event's seq is the previous one's plus one. The first seq may be any integer >= 0 (a
 * segment cut out of a longer stream starts where it was cut).
 *
 * A `dropped {count}` row declares `count` evicted records, the last of them at its own seq: the only
 * allowed jump (DESIGN §3 "Stream"). With `from`, the stream must start there (a dropped row first
 * counts back to its start), which is what shows a lost `dropped` record in a snapshot.
 *
 * Rules: `not-integer`, `not-increasing` (repeated or going back), `gap`, `drop-mismatch`, `start`.
 */
export class SeqValidator implements Validator {
  readonly name = 'seq';
  private prev = -1;
  private first = true;
  private readonly violations: Violation[] = [];

  /** @param options - `from`: the seq the stream must start at (0 for a whole stream or a snapshot of one) */
  constructor(private readonly options: { readonly from?: number } = {}) {}

  push(e: CheckedEvent, index: number): void {
    const seq = e.seq;
    if (!Number.isSafeInteger(seq) || seq < 0) {
      this.violations.push(violation('seq/not-integer', index, seq, e.activation, 'a seq in 0..2^53-1', `seq ${seq} on ${describeEvent(e)}`));
      return;
    }
    // A `dropped {count}` row carries the seq of the last of the `count` records evicted before it.
    const count = e.kind === EventKind.Dropped ? (e.waker ?? 0) : 0;
    if (this.first) {
      this.first = false;
      const start = seq - count + (e.kind === EventKind.Dropped ? 1 : 0);
      if (this.options.from !== undefined && start !== this.options.from) {
        this.violations.push(violation('seq/start', index, seq, e.activation, `a stream starting at seq ${this.options.from} (or a dropped record covering the seqs before)`, `seq ${seq} on ${describeEvent(e)}`));
      }
      this.prev = seq;
      return;
    }
    if (e.kind === EventKind.Dropped && seq !== this.prev + count) {
      this.violations.push(violation('seq/drop-mismatch', index, seq, e.activation, `seq ${this.prev + count} (the last of ${count} dropped after seq ${this.prev})`, `seq ${seq}`));
      this.prev = Math.max(this.prev, seq);
      return;
    }
    if (e.kind === EventKind.Dropped) {
      this.prev = seq;
      return;
    }
    if (this.prev >= 0) {
      if (e.kind === EventKind.Recovery && seq > this.prev) {
        this.prev = seq; // resumed after a crash: may skip the seqs of records lost in the torn tail
        return;
      }
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
