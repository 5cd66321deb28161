// The output formats `convert` and `merge` offer, in a file of their own: `main.ts` needs them to define
// its options, and importing them must not load the readers and writers (`--version` and `--help` stay
// fast; issue 15).

/** Output formats of `convert`. */
export const CONVERT_TARGETS = ['wire', 'jsonl', 'text', 'chrome', 'dot'] as const;
/** One of {@link CONVERT_TARGETS}. */
export type ConvertTarget = (typeof CONVERT_TARGETS)[number];

/** Output formats of `merge`. */
export const MERGE_TARGETS = ['text', 'chrome'] as const;
