import type { TaskScheduler } from './compile.ts';

/**
 * A deterministic scheduler that releases scheduled tasks in the order they were scheduled (first in,
 * first out). For runs outside a property (goldens, minimisation, a user's own check) where any fixed
 * order will do; property runs use fast-check's `fc.scheduler()`, which explores orders from its seed.
 */
export class FifoScheduler implements TaskScheduler {
  private readonly queue: (() => void)[] = [];
  private readonly labels: string[] = [];
  /** Labels of the tasks released so far, in order. */
  readonly released: string[] = [];

  schedule<T>(task: Promise<T>, label = 'task'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.labels.push(label);
      this.queue.push(() => {
        task.then(resolve, reject);
      });
    });
  }

  count(): number {
    return this.queue.length;
  }

  /** The tasks released so far, in order: `fifo(tick, tick)`. */
  toString(): string {
    return `fifo(${this.released.join(', ')})`;
  }

  /** Releases tasks one at a time, letting the microtasks each one causes run, until none is left. */
  async waitIdle(): Promise<void> {
    while (this.queue.length > 0) {
      this.released.push(this.labels.shift()!);
      this.queue.shift()!();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
}
