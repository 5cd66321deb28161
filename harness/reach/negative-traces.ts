import type { CaseVariant } from './negative-case.ts';
import { EXACT_VARIANTS, WAKE_VARIANTS } from './negative-async.ts';
import { LIFECYCLE_VARIANTS, STACK_BALANCE_VARIANTS } from './negative-frames.ts';
import { MODEL_VARIANTS } from './negative-model.ts';
import { RECOVERY_VARIANTS } from './negative-recovery.ts';
import { DOUBLE_OPEN_VARIANTS, PARTIAL_FIRST_VARIANTS, SEGMENT_VARIANTS, WHOLE_TRACE_VARIANTS } from './negative-segments.ts';
import { SEQ_RECOVERY_VARIANTS, SEQ_VARIANTS } from './negative-seq.ts';
import { STREAMS_VARIANTS, VALID_STREAMS } from './negative-streams.ts';
import { VALID_VARIANTS } from './valid-inputs.ts';

/**
 * Every family of generated inputs the `negative` part of `check` runs (issue 13), in the order it runs them
 * round robin: for each rule of `src/check` at least one family of negative inputs (a random valid trace broken
 * in one targeted way, with the violations the rules say its judge must report), then valid inputs that every
 * validator must accept. `harness/properties/negative-property.ts` judges them.
 */
export const CASE_VARIANTS: readonly CaseVariant[] = [
  ...STACK_BALANCE_VARIANTS,
  ...LIFECYCLE_VARIANTS,
  ...WAKE_VARIANTS,
  ...EXACT_VARIANTS,
  ...SEQ_VARIANTS,
  ...SEQ_RECOVERY_VARIANTS,
  ...RECOVERY_VARIANTS,
  ...STREAMS_VARIANTS,
  ...MODEL_VARIANTS,
  ...SEGMENT_VARIANTS,
  ...DOUBLE_OPEN_VARIANTS,
  ...PARTIAL_FIRST_VARIANTS,
  ...WHOLE_TRACE_VARIANTS,
  ...VALID_VARIANTS,
  VALID_STREAMS,
];

/** The rules the negative families are rejected with, sorted. */
export function generatedRules(): string[] {
  return [...new Set(CASE_VARIANTS.flatMap((v) => v.rules))].sort();
}
