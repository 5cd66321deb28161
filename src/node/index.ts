/**
 * trace-harness/node: the Node adapter (node:fs), also usable on Deno and Bun through their node:fs.
 * @module
 */
export { FileSink, readWireFile } from './file-sink.ts';
export { expectRecoverableFile, FileRecording } from './file-recording.ts';
export type { Recovered, WireRecordingOptions } from '../recorder/wire-recording.ts';
