/**
 * Every rule of the validators in `src/check/` (stack balance, lifecycle, wake causality, exactness, seq,
 * recovery, streams, model equality), each of which `check` rejects negative inputs with: the negative goldens
 * (`golden/negative/`) and the generated ones of its `negative` part (`harness/reach/negative-traces.ts`).
 * Semantic coverage lists a rule no negative input reached as 0, and a full default run fails naming it
 * (`coverage/rule-below-minimum`). A test holds this list equal to the rules `src/check/` can report and to
 * the rules the generated families are rejected with.
 */
export const NEGATIVE_INPUT_RULES = [
  'stack-balance/exit-not-top', 'stack-balance/exit-on-empty', 'stack-balance/open-at-end', 'stack-balance/unknown-kind',
  'lifecycle/after-terminal', 'lifecycle/await-not-suspended', 'lifecycle/code-changed', 'lifecycle/duplicate-call', 'lifecycle/event-not-running',
  'lifecycle/exit-not-running', 'lifecycle/first-not-call', 'lifecycle/flag-not-resume', 'lifecycle/not-finished', 'lifecycle/pending-not-suspended',
  'lifecycle/resume-not-suspended', 'lifecycle/unknown-kind', 'lifecycle/wake-not-suspended',
  'wake/await-cycle', 'wake/duplicate', 'wake/missing', 'wake/unknown-not-at-resume', 'wake/unknown-waker', 'wake/waker-not-completing',
  'wake/waker-not-running', 'wake/wrong-waker',
  'exact/event-not-current', 'exact/exit-not-current', 'exact/wake-not-by-current',
  'seq/drop-mismatch', 'seq/gap', 'seq/not-increasing', 'seq/not-integer', 'seq/start',
  'recovery/not-abandoned', 'recovery/not-last-checkpoint', 'recovery/stray-abandoned', 'recovery/unknown-checkpoint',
  'streams/missing', 'streams/order',
  'model/extra', 'model/mismatch', 'model/missing',
] as const;
