/**
 * The JSONL header line (README "JSONL"): `{"format":"trace-harness-jsonl","version":1}`, optionally with the
 * activations open where the trace starts (`open`, at most a checkpoint's 65,536: FORMAT.md §8), `openPartial`
 * and `incomplete` (FORMAT.md §4.1).
 *
 * Checked by hand, as every event line of the reader is: the header was checked with a zod schema, and loading
 * zod (97 modules) cost about 100 ms of CPU in every CLI run that reads a file, most of `verify`'s start-up
 * (issue 15). `test/formats/jsonl-header.test.ts` holds this check to that schema on random headers.
 * @module
 */

/** The `format` value of the JSONL header line. */
export const JSONL_FORMAT = 'trace-harness-jsonl';

/** The JSONL format version `encodeJsonl` writes and `decodeJsonl` reads (the header's `version`). */
export const JSONL_VERSION = 1;

/**
 * The longest line `decodeJsonl` parses, in UTF-8 bytes without the `\n` (a `\r` before it counts) (1 MiB).
 * Here, beside the header's fields, so that format detection and `verify` know the bound without loading
 * the reader (issue 15).
 */
export const MAX_JSONL_LINE_BYTES = 1 << 20;

/** Highest activation id: the activation column is a Uint32Array. @internal */
export const MAX_ACTIVATION = 0xffff_ffff;

/** The most open activations a header declares: a wire checkpoint's limit (FORMAT.md §8). @internal */
export const MAX_OPEN = 65536;

/** One activation open where the trace starts, as the header declares it. @internal */
export interface JsonlOpen {
  readonly activation: number;
  readonly code: string;
  readonly state: 'running' | 'suspended';
}

/** A header line's fields once checked: any integer version (the reader judges it), the rest as {@link headerFields} says. @internal */
export interface JsonlHeader {
  readonly format: typeof JSONL_FORMAT;
  readonly version: number;
  readonly open?: readonly JsonlOpen[];
  readonly openPartial?: boolean;
  readonly incomplete?: boolean;
}

const HEADER_KEYS: ReadonlySet<string> = new Set(['format', 'version', 'open', 'openPartial', 'incomplete']);
const OPEN_KEYS: ReadonlySet<string> = new Set(['activation', 'code', 'state']);

/**
 * The header's fields, or undefined when the value is not a header: not a plain object, a key outside
 * {@link HEADER_KEYS}, `format` other than {@link JSONL_FORMAT}, `version` not a safe integer, `open` not an
 * array of at most {@link MAX_OPEN} objects each of exactly `activation` (an integer 1..{@link MAX_ACTIVATION}),
 * `code` (a string) and `state` (`running` or `suspended`), or `openPartial`/`incomplete` present and not a boolean.
 * @param value - the parsed JSON of the first line
 * @internal
 */
export function headerFields(value: unknown): JsonlHeader | undefined {
  if (!isRecord(value) || !onlyKeys(value, HEADER_KEYS)) return undefined;
  if (value['format'] !== JSONL_FORMAT || !Number.isSafeInteger(value['version'])) return undefined;
  for (const flag of ['openPartial', 'incomplete']) {
    if (Object.hasOwn(value, flag) && typeof value[flag] !== 'boolean') return undefined;
  }
  if (Object.hasOwn(value, 'open')) {
    const open = value['open'];
    if (!Array.isArray(open) || open.length > MAX_OPEN || !open.every(isOpen)) return undefined;
  }
  return value as unknown as JsonlHeader;
}

function isOpen(o: unknown): o is JsonlOpen {
  if (!isRecord(o) || !onlyKeys(o, OPEN_KEYS)) return false;
  const a = o['activation'];
  return Number.isSafeInteger(a) && (a as number) >= 1 && (a as number) <= MAX_ACTIVATION && typeof o['code'] === 'string' && (o['state'] === 'running' || o['state'] === 'suspended');
}

/** Whether every own key of `o` is one of `keys` (a strict object; the required ones are checked by value). */
function onlyKeys(o: Record<string, unknown>, keys: ReadonlySet<string>): boolean {
  for (const k of Object.keys(o)) if (!keys.has(k)) return false;
  return true;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
