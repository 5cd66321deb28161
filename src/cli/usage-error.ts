/** A bad flag, a bad value or unreadable input: the CLI prints its message in one line and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
