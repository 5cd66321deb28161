/**
 * The rules of the validators `check` runs negative inputs through (stack balance, lifecycle, wake
 * causality, exactness; `src/check/`), so semantic coverage lists a rule no negative input reached as 0.
 * A test holds this list equal to the rules those validators can report.
 */
export const NEGATIVE_INPUT_RULES = [
  'stack-balance/exit-not-top', 'stack-balance/exit-on-empty', 'stack-balance/open-at-end', 'stack-balance/unknown-kind',
  'lifecycle/after-terminal', 'lifecycle/await-not-suspended', 'lifecycle/code-changed', 'lifecycle/duplicate-call', 'lifecycle/event-not-running',
  'lifecycle/exit-not-running', 'lifecycle/first-not-call', 'lifecycle/flag-not-resume', 'lifecycle/not-finished', 'lifecycle/pending-not-suspended',
  'lifecycle/resume-not-suspended', 'lifecycle/unknown-kind', 'lifecycle/wake-not-suspended',
  'wake/await-cycle', 'wake/duplicate', 'wake/missing', 'wake/unknown-not-at-resume', 'wake/unknown-waker', 'wake/waker-not-completing',
  'wake/waker-not-running', 'wake/wrong-waker',
  'exact/event-not-current', 'exact/exit-not-current', 'exact/wake-not-by-current',
] as const;
