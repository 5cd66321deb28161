// Node adapter (node:fs; Deno and Bun provide it too): a durable file sink and a file reader for the wire format.
import { closeSync, createReadStream, fsyncSync, openSync, writeSync } from 'node:fs';
import type { ByteSink } from '../wire/sink.ts';
import { readWireStream, type WireChunk, type WireStreamEnd } from '../wire/stream-reader.ts';

/**
 * A {@link ByteSink} over a file: `write` goes straight to the OS with `writeSync` (survives a crash of
 * this process), `sync` calls `fsyncSync` (survives a crash of the machine).
 */
export class FileSink implements ByteSink {
  private fd: number | undefined;

  /**
   * Creates or truncates the file, or appends to it.
   * @param path - file path
   * @param options - `append`: keep what the file holds and write after it
   * @throws the `node:fs` error when the file cannot be opened
   */
  constructor(
    readonly path: string,
    options: { readonly append?: boolean } = {},
  ) {
    this.fd = openSync(path, options.append === true ? 'a' : 'w');
  }

  write(bytes: Uint8Array): void {
    if (this.fd === undefined) throw new Error(`FileSink: ${this.path} is closed`);
    let at = 0;
    while (at < bytes.length) at += writeSync(this.fd, bytes, at, bytes.length - at);
  }

  sync(): void {
    if (this.fd !== undefined) fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * Reads a wire file chunk by chunk in constant memory (see {@link readWireStream}).
 * @param path - file path
 * @param highWaterMark - bytes per read
 * @defaultValue highWaterMark 65536
 */
export function readWireFile(path: string, highWaterMark = 65536): AsyncGenerator<WireChunk, WireStreamEnd, undefined> {
  return readWireStream(createReadStream(path, { highWaterMark }) as AsyncIterable<Uint8Array>);
}
