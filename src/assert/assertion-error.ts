/**
 * Thrown by the `expect*` matchers. Named `AssertionError` so every test runner reports it as a failed
 * assertion; `actual` and `expected` hold renderings (canonical text) that runners show as a diff.
 */
export class TraceAssertionError extends Error {
  override readonly name = 'AssertionError';
  /** The runner-facing flag that asks for a diff of `actual` and `expected`. */
  readonly showDiff: boolean;

  /**
   * @param message - the full report
   * @param actual - rendering of what was found
   * @param expected - rendering of what was wanted
   */
  constructor(
    message: string,
    readonly actual?: string,
    readonly expected?: string,
  ) {
    super(message);
    this.showDiff = actual !== undefined && expected !== undefined;
  }
}
