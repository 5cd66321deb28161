import { z } from 'zod';
import { utf8Length } from '../../../src/formats/jsonl.ts';
import type { Outcome } from '../../program/ast.ts';

/** The tracer protocol version this harness speaks (PROTOCOL.md, "version 1"). */
export const PROTOCOL_VERSION = 1;

/** The longest protocol line either side may write: 16 MiB of UTF-8 without the newline (PROTOCOL.md §1). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** The trace encodings a `result` may use (PROTOCOL.md §2 `trace`). */
export type TraceEncoding = 'jsonl' | 'wire';

/** The harness's hello, the first line it writes (PROTOCOL.md §2). */
export interface HarnessHello {
  readonly type: 'hello';
  readonly protocol: number;
  readonly language: string;
  /** `trace-harness <version>`. */
  readonly harness: string;
}

/** One program to run (PROTOCOL.md §3). */
export interface RunRequest {
  readonly type: 'run';
  /** Unique per worker; the response echoes it. */
  readonly id: string;
  /** The function to call with no arguments. */
  readonly entry: string;
  /** The program's own functions: the only code to record. */
  readonly functions: readonly string[];
  /** The program text in the adapter's language (PROTOCOL.md §6). */
  readonly source: string;
}

/** The adapter's hello, as validated: unknown keys dropped, `trace` defaulted (PROTOCOL.md §2). */
export interface AdapterHello {
  readonly protocol: number;
  readonly tracer: { readonly name: string; readonly version: string };
  readonly language: string;
  /** The semantics profile the model predicts with: `cpython-3.12`, `js`. */
  readonly semantics: string;
  readonly supports: { readonly suites: readonly string[]; readonly statements: readonly string[] };
  readonly trace: TraceEncoding;
}

/** An adapter's answer to a `run` (PROTOCOL.md §3): a result, or its own error. */
export type AdapterResponse =
  | { readonly type: 'result'; readonly id: string; readonly outcome: Outcome; readonly trace: string }
  | { readonly type: 'error'; readonly id: string; readonly message: string };

/** Why a hello was refused: `adapter/protocol-version` or `adapter/handshake` (PROTOCOL.md §4). */
export interface HelloProblem {
  readonly rule: 'adapter/protocol-version' | 'adapter/handshake';
  readonly message: string;
}

// z.object drops unknown keys: a later minor addition is ignored, never an error (PROTOCOL.md §1).
const HELLO = z.object({
  type: z.literal('hello'),
  protocol: z.int(),
  tracer: z.object({ name: z.string(), version: z.string() }),
  language: z.string(),
  semantics: z.string(),
  supports: z.object({ suites: z.array(z.string()), statements: z.array(z.string()) }),
  trace: z.enum(['jsonl', 'wire']).default('jsonl'),
});

const OUTCOME = z.discriminatedUnion('kind', [z.object({ kind: z.literal('return') }), z.object({ kind: z.literal('throw'), tag: z.string() })]);

const RESPONSE = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.string(), outcome: OUTCOME, trace: z.string() }),
  z.object({ type: z.literal('error'), id: z.string(), message: z.string() }),
]);

/**
 * Reads the adapter's hello line (PROTOCOL.md §2). Checked in this order: a JSON object of type `hello`;
 * its `protocol` (any integer but {@link PROTOCOL_VERSION} is `adapter/protocol-version`); its own `error`;
 * the schema (every key of §2 but `trace` is required); `language` equal to the harness's.
 *
 * @example
 * ```ts
 * parseHello('{"type":"hello","protocol":2}', 'python');
 * // { ok: false, problem: { rule: 'adapter/protocol-version', message: 'want protocol 1, got 2' } }
 * ```
 * @param line - one line without its newline
 * @param language - the harness's `language`
 * @returns the hello, or the problem with a lowercase "want X, got Y" message
 */
export function parseHello(line: string, language: string): { ok: true; hello: AdapterHello } | { ok: false; problem: HelloProblem } {
  const refuse = (message: string, rule: HelloProblem['rule'] = 'adapter/handshake') => ({ ok: false as const, problem: { rule, message } });
  const value = parseObject(line);
  if (typeof value === 'string') return refuse(`want a hello, got ${value}`);
  if (value['type'] !== 'hello') return refuse(`want a message of type "hello", got ${describeType(value['type'])}`);
  const protocol = value['protocol'];
  if (typeof protocol === 'number' && protocol !== PROTOCOL_VERSION) return refuse(`want protocol ${PROTOCOL_VERSION}, got ${protocol}`, 'adapter/protocol-version');
  const error = value['error'];
  if (typeof error === 'string') return refuse(`the adapter could not start: ${oneLine(error)}`);
  const r = HELLO.safeParse(value);
  if (!r.success) return refuse(`want a valid hello, got ${describeIssue(r.error)}`);
  if (r.data.language !== language) return refuse(`want language ${JSON.stringify(language)}, got ${JSON.stringify(r.data.language)}`);
  const { type: _type, ...hello } = r.data;
  return { ok: true, hello };
}

/**
 * Reads one response line (PROTOCOL.md §3). The id is not checked here: the worker knows which it asked.
 * @param line - one line without its newline
 * @returns the response, or why the line is not one (the worker's `adapter/garbage`)
 */
export function parseResponse(line: string): { ok: true; response: AdapterResponse } | { ok: false; message: string } {
  const value = parseObject(line);
  if (typeof value === 'string') return { ok: false, message: `want a protocol message, got ${value}` };
  const type = value['type'];
  if (type !== 'result' && type !== 'error') return { ok: false, message: `want a message of type "result" or "error", got ${describeType(type)}` };
  const r = RESPONSE.safeParse(value);
  if (!r.success) return { ok: false, message: `want a valid ${type}, got ${describeIssue(r.error)}` };
  return { ok: true, response: r.data };
}

/**
 * One message as a protocol line, newline included.
 * @param message - the harness's hello or a run request
 * @returns the line
 * @throws RangeError when the line would be over {@link MAX_LINE_BYTES}
 */
export function encodeMessage(message: HarnessHello | RunRequest): string {
  const line = JSON.stringify(message);
  const bytes = utf8Length(line);
  if (bytes > MAX_LINE_BYTES) throw new RangeError(`encodeMessage: want a line of at most ${MAX_LINE_BYTES} bytes, got ${bytes}`);
  return `${line}\n`;
}

/** A JSON object, or a description of what the line is instead. Bounded before JSON.parse allocates. */
function parseObject(line: string): Record<string, unknown> | string {
  const bytes = utf8Length(line);
  if (bytes > MAX_LINE_BYTES) return `a line of ${bytes} bytes (over ${MAX_LINE_BYTES})`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return line.trim() === '' ? 'an empty line' : 'a line that is not json';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `json ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}`;
  return value as Record<string, unknown>;
}

function describeType(type: unknown): string {
  return typeof type === 'string' ? JSON.stringify(type) : type === undefined ? 'no type' : `type ${JSON.stringify(type)}`;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'message';
  return `${where}: ${issue.message.toLowerCase()}`;
}

/** The first line of a text, for one-line verdicts. @internal */
export function oneLine(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  return first.length > 200 ? `${first.slice(0, 197)}...` : first;
}
