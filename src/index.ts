/**
 * trace-harness: the library. The only public entry; everything exported is listed here.
 * @module
 */
export { EventFlag, EventKind, isEntry, isExit, kindFromName, kindName } from './model/kinds.ts';
export type { ActivationId, CodeId, Seq } from './model/ids.ts';
export { NO_ACTIVATION } from './model/ids.ts';
export type { CanonicalEvent, TraceEvent } from './model/event.ts';
export { Trace } from './model/trace.ts';
export { MAX_STREAMS, MergedTrace, mergeStreams } from './model/merged-trace.ts';
export type { MergedEvent, MergeOptions, TraceStream } from './model/merged-trace.ts';
export type { TraceColumns } from './model/trace.ts';
export { TraceFormatError } from './model/errors.ts';
export type { TraceFormatErrorCode } from './model/errors.ts';

export { Recorder } from './recorder/recorder.ts';
export type { Frame, RecorderOptions } from './recorder/recorder.ts';
export { Tracer } from './recorder/tracer.ts';
export type { TracerUnderTest } from './recorder/tracer.ts';
export { TracedGenerator } from './recorder/traced-generator.ts';
export { Probe } from './recorder/probe.ts';
export { DEFAULT_PAYLOAD_LIMITS, DROP, hashValue, PayloadPolicy, summarizeValue } from './recorder/payload.ts';
export type { PayloadLimits, PayloadOptions, RedactionHook, RedactionRules } from './recorder/payload.ts';
export { performanceClock, simulatedClock } from './recorder/clock.ts';
export type { Clock } from './recorder/clock.ts';

export { StackBalanceValidator } from './check/stack-balance.ts';
export { LifecycleValidator } from './check/lifecycle.ts';
export type { LifecycleOptions } from './check/lifecycle.ts';
export { NotFinishedValidator } from './check/not-finished.ts';
export type { NotFinishedOptions } from './check/not-finished.ts';
export { SeqValidator } from './check/seq.ts';
export { ModelEqualityValidator } from './check/model-equality.ts';
export { runValidators } from './check/run.ts';
export { checkStreams } from './check/streams.ts';
export type { StreamViolations } from './check/streams.ts';
export type { CheckedEvent, Validator, Violation } from './check/violation.ts';

export { formatCanonical, formatCanonicalEvent, parseCanonical } from './formats/text.ts';
export type { CanonicalText } from './formats/text.ts';

export { TraceAssertionError } from './assert/assertion-error.ts';
export { expectBalanced } from './assert/expect-balanced.ts';
export type { BalancedOptions } from './assert/expect-balanced.ts';
export { expectLifecycleClosed } from './assert/expect-lifecycle-closed.ts';
export { compareTraces, expectTraceEqual, toCanonical } from './assert/expect-trace-equal.ts';
export type { TraceLike } from './assert/expect-trace-equal.ts';
export { formatViolations } from './assert/report.ts';
export { traceMatchers } from './assert/matchers.ts';
export type { MatcherContext, MatcherOutcome, TraceMatchers } from './assert/matchers.ts';

export { WireWriter } from './wire/writer.ts';
export type { WireWriterOptions } from './wire/writer.ts';
export { MemorySink } from './wire/sink.ts';
export type { ByteSink } from './wire/sink.ts';
export { encodeWire } from './wire/encode.ts';
export { decodeWire, readWire } from './wire/reader.ts';
export type { TraceLoss, WireReadResult } from './wire/reader.ts';
export { readWireStream } from './wire/stream-reader.ts';
export type { WireChunk, WireStreamEnd } from './wire/stream-reader.ts';
export type { Checkpoint, OpenActivation } from './wire/chunk-decoder.ts';
export { LIMITS as WIRE_LIMITS, MAJOR as WIRE_MAJOR, MINOR as WIRE_MINOR } from './wire/spec.ts';

export { decodeJsonl, encodeJsonl, JSONL_FORMAT, JSONL_VERSION, JsonlHeaderTooLong, MAX_JSONL_LINE_BYTES } from './formats/jsonl.ts';
export type { DecodeJsonlOptions } from './formats/jsonl.ts';
export { encodeChrome, encodeChromeStreams } from './formats/chrome.ts';
export { formatMerged, parseMerged } from './formats/merged-text.ts';
export type { ChromeEvent } from './formats/chrome.ts';
export { verifyChrome } from './formats/chrome-verify.ts';
export type { ChromeReport, VerifyChromeOptions } from './formats/chrome-verify.ts';
export { decodeChrome } from './formats/chrome-read.ts';
export type { ChromeThread, DecodeChromeOptions } from './formats/chrome-read.ts';
export { traceFromCanonical } from './formats/text.ts';
export { detectFormat } from './formats/detect.ts';
export { jsonFormatError } from './formats/json-format-error.ts';
export type { TraceFormat } from './formats/detect.ts';
export { loadTrace } from './formats/load.ts';
export type { LoadedTrace } from './formats/load.ts';
export { validateTrace } from './check/validate-trace.ts';
export type { OpenAtStart, ValidateTraceOptions } from './check/validate-trace.ts';
export { AsyncFrame } from './recorder/async-frame.ts';
export type { AsyncProbes } from './recorder/async-frame.ts';

export { asyncGraph, awaitCycles } from './model/async-graph.ts';
export type { AsyncGraph, GraphEdge, GraphNode } from './model/async-graph.ts';
export { toDot } from './formats/dot.ts';
export { ExactnessValidator } from './check/exactness.ts';
export { WakeCausalityValidator } from './check/wake-causality.ts';
export { expectExact, expectWakeCausal } from './assert/expect-exact.ts';
export type { PendingThreshold } from './recorder/task-registry.ts';
export { expectStreamsValid } from './assert/expect-streams.ts';
export { expectMonotonicSeq } from './assert/expect-monotonic-seq.ts';
export { checkRecoverable, chunkEnds, expectRecoverable } from './assert/expect-recoverable.ts';
export type { RecoverableOptions, RecoveryProblem } from './assert/expect-recoverable.ts';
export { WireRecording } from './recorder/wire-recording.ts';
export type { Recovered, WireRecordingOptions } from './recorder/wire-recording.ts';
export { bytesPerEvent } from './recorder/recorder.ts';
export type { OpenAtStart as TraceOpenActivation } from './model/trace.ts';
export { RecoveryValidator } from './check/recovery.ts';
export { isStreamRecord } from './model/kinds.ts';

export { defineConfig } from './config/define-config.ts';
export type { TraceHarnessConfig } from './config/define-config.ts';
