// Preloaded into `check` by the mutation score's command runner (check.config.mjs: node --import): a
// property that fails stops at its first counterexample instead of shrinking it. A mutant is killed by
// check's exit status, which shrinking never changes (it starts only after a failure), so this only
// saves time: a killed mutant's check took several times a survivor's while fast-check shrank.
import fc from 'fast-check';

fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });
