import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { EventPayload } from '../program/ast.ts';

/** Redaction rules the model applies to a program's payloads (a golden's `# tracer: {"payloads":...}`). */
export interface ModelRedaction {
  readonly drop?: readonly string[];
  readonly hash?: readonly string[];
  readonly salt?: string;
}

/**
 * The model's own rendering of a program's payload, as issue 5 specifies it for the flat payloads
 * programs have (fields of short strings, finite numbers, booleans: no limit applies): fields in order,
 * `drop` fields removed, `hash` fields replaced by `sha256:` + the first 16 hex digits of SHA-256 (HMAC
 * keyed by `salt`) of the value's text (a string as is, a number or boolean as JSON), compact JSON.
 * Written apart from the recorder's payload pipeline, which it checks.
 * @param payload - the payload of an `event` statement
 * @param rules - redaction rules, if any
 */
export function modelPayload(payload: EventPayload, rules: ModelRedaction = {}): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(payload)) {
    if (rules.drop?.includes(key)) continue;
    const stored = rules.hash?.includes(key) ? digest(typeof value === 'string' ? value : JSON.stringify(value), rules.salt) : value;
    parts.push(`${JSON.stringify(key)}:${JSON.stringify(stored)}`);
  }
  return `{${parts.join(',')}}`;
}

function digest(text: string, salt: string | undefined): string {
  const bytes = salt === undefined ? sha256(utf8ToBytes(text)) : hmac(sha256, utf8ToBytes(salt), utf8ToBytes(text));
  return `sha256:${bytesToHex(bytes).slice(0, 16)}`;
}
