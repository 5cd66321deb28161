#!/usr/bin/env node
// The executable: runs the CLI on this process's arguments and exits with its code.
import { main } from './main.ts';

// `trace-harness print big.trace | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Not bad input (readers refuse that with a typed error, exit 1 or 2): a bug in trace-harness.
    process.stderr.write(`trace-harness: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 3;
  },
);
