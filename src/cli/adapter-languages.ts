// The languages of `check --tracer-cmd --lang`, in a file of their own: `main.ts` needs them to define its
// options, and importing them must not load the adapter check (the harness, fast-check).
import { CPYTHON_PROFILE } from '../../harness/model/profile-cpython.ts';

/** The languages `--lang` takes, and the semantics profile each one's model predicts with. */
export const ADAPTER_LANGUAGES = { python: CPYTHON_PROFILE.name } as const;
