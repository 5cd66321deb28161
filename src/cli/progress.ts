// Progress of a long `check` part: a live line on a terminal, plain lines in a CI log (README "Progress").

/** What a part reports while it runs. */
export interface ProgressSink {
  /**
   * A part starts.
   * @param part - its name: `generators`, `wire`, `goldens`, ...
   * @param total - cases it will run (programs, traces, files), >= 0
   * @param unit - what a case is, plural: `programs`, `traces`
   */
  start(part: string, total: number, unit: string): void;
  /** Cases done so far in the current part (shrinking runs included, so it may pass `total`). */
  tick(done: number): void;
}

/** Options of {@link Progress}. */
export interface ProgressOptions {
  /** `live`: one line rewritten in place (a terminal); `lines`: a line at the start and a heartbeat (a CI log). */
  readonly mode: 'live' | 'lines';
  /** Writes raw text (no newline added). */
  readonly write: (text: string) => void;
  /** The clock, in ms; tests inject a fake one. @defaultValue `performance.now` */
  readonly now?: () => number;
  /** In `lines` mode, the most time between two lines while cases are done, ms. @defaultValue 5000 */
  readonly heartbeatMs?: number;
  /** In `lines` mode, write a line when a part starts (off when the pretty reporter's header says so). @defaultValue true */
  readonly announce?: boolean;
}

/** Least time between two rewrites of the live line, ms: a terminal need not redraw per program. */
const LIVE_REDRAW_MS = 100;

/**
 * Progress of `check`: on a terminal a live line (`generators 230/500 programs`), cleared by {@link clear}
 * before any result is printed; in a log (no terminal) a line when a part starts and one at least every
 * `heartbeatMs` while it makes progress, with counts and elapsed seconds, so a CI log is never silent for long.
 */
export class Progress implements ProgressSink {
  readonly #o: ProgressOptions;
  readonly #now: () => number;
  #part = '';
  #total = 0;
  #unit = '';
  #startedMs = 0;
  #lastMs = 0;
  #visible = false;

  constructor(options: ProgressOptions) {
    this.#o = options;
    this.#now = options.now ?? (() => performance.now());
  }

  start(part: string, total: number, unit: string): void {
    this.clear();
    [this.#part, this.#total, this.#unit] = [part, total, unit];
    this.#startedMs = this.#lastMs = this.#now();
    if (this.#o.mode === 'live') this.#draw(0);
    else if (this.#o.announce !== false) this.#o.write(`${part}: started, ${total} ${unit}\n`);
  }

  tick(done: number): void {
    const now = this.#now();
    if (this.#o.mode === 'live') {
      if (now - this.#lastMs >= LIVE_REDRAW_MS) this.#draw(done);
      return;
    }
    if (now - this.#lastMs < (this.#o.heartbeatMs ?? 5000)) return;
    this.#lastMs = now;
    this.#o.write(`  ${this.#part}: ${done}/${this.#total} ${this.#unit}, ${((now - this.#startedMs) / 1000).toFixed(0)} s\n`);
  }

  /** Erases the live line (a terminal); nothing in `lines` mode. Call before printing a result. */
  clear(): void {
    if (!this.#visible) return;
    this.#o.write('\r\x1b[K');
    this.#visible = false;
  }

  #draw(done: number): void {
    this.#lastMs = this.#now();
    this.#o.write(`\r${this.#part} ${done}/${this.#total} ${this.#unit}\x1b[K`);
    this.#visible = true;
  }
}
