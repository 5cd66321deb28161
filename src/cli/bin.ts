#!/usr/bin/env node
// The executable: runs the CLI on this process's arguments and exits with its code.
import { packageVersion } from './version.ts';

// `trace-harness print big.trace | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // The most frequent probe of a CLI, answered as commander would (the version and a newline, exit 0) without
  // loading the command table: commander and the commands' option modules are ~40 ms of a ~160 ms start (issue 15).
  process.stdout.write(`${packageVersion()}\n`);
} else {
  // `verify FILE...` skips the command table too (verifyCommand hands any other form of it to main).
  const run = argv[0] === 'verify' ? (await import('./verify.ts')).verifyCommand : (await import('./main.ts')).main;
  await run(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // Not bad input (readers refuse that with a typed error, exit 1 or 2): a bug in trace-harness.
      process.stderr.write(`trace-harness: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 3;
    },
  );
}
