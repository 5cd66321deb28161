// Portable suite: user events with payloads (values, limits, redaction by SHA-256 and HMAC from
// @noble/hashes) record the same text and the same wire bytes on Node, Deno and Bun.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { formatCanonical } from '../../src/formats/text.ts';
import { hashValue } from '../../src/recorder/payload.ts';
import { Tracer } from '../../src/recorder/tracer.ts';
import { encodeWire } from '../../src/wire/encode.ts';
import { decodeWire } from '../../src/wire/reader.ts';

/** A deterministic run with user events, full values on edges, cut strings and hashed and dropped fields. */
function record(): Tracer {
  const t = new Tracer({ payloads: { values: 'full', limits: { maxStringChars: 24 }, redact: { drop: ['password'], hash: ['user'], salt: 'pepper' } } });
  const worker = t.trace(function* worker(n: number) {
    t.event('phase', { phase: 'build', n, note: 'ünïcode 日本 and a note of more than 24 units' });
    yield n * 2;
    t.event('auth', { user: 'alice@example.com', password: 'hunter2', ok: true });
    return 'done';
  });
  t.trace(function main() {
    for (const v of worker(21)) t.event('got', { v });
  })();
  return t;
}

describe('user events and payloads (portable)', () => {
  it('should hash redacted values as node:crypto does: SHA-256, or HMAC-SHA-256 keyed by the salt', () => {
    const sha = createHash('sha256').update('alice@example.com').digest('hex').slice(0, 16);
    const mac = createHmac('sha256', 'pepper').update('alice@example.com').digest('hex').slice(0, 16);
    assert.equal(hashValue('alice@example.com'), `sha256:${sha}`);
    assert.equal(hashValue('alice@example.com', 'pepper'), `sha256:${mac}`);
    assert.equal(hashValue({ a: 1 }), `sha256:${createHash('sha256').update('{"a":1}').digest('hex').slice(0, 16)}`);
  });

  it('should record the same canonical text and wire bytes on every runtime, the secret nowhere', () => {
    const snap = record().snapshot();
    const text = formatCanonical(snap);
    const bytes = encodeWire(snap);
    assert.ok(!text.includes('hunter2') && !text.includes('alice'), text);
    const mac = createHmac('sha256', 'pepper').update('alice@example.com').digest('hex').slice(0, 16);
    assert.ok(text.includes(`\nevent auth #2 = {"user":"sha256:${mac}","ok":true}\n`), text);
    assert.equal(formatCanonical(decodeWire(bytes)), text);
    // Written from Node 20; Deno and Bun must produce these exact bytes.
    assert.equal(createHash('sha256').update(bytes).digest('hex'), WIRE_SHA256, text);
  });
});

const WIRE_SHA256 = '38d9f4d68da7ad0ae8657b29f50c6287d86122891e0599c05c79aee370906d18';
