/**
 * trace-harness/harness: program AST, fast-check arbitraries, compiler, model (the oracle), the property
 * and the golden corpus runner; the tracer protocol worker (targets/process/PROTOCOL.md) for tracers in other processes.
 * @module
 */
export type { Awaitable, DriveMethod, DriveStep, FnDecl, FnKind, Outcome, Program, Stmt, StmtOp } from './program/ast.ts';
export { formatOutcome, SLOTS, TYPE_ERROR_TAG } from './program/ast.ts';
export { PROGRAM_LIMITS, ProgramError, validateProgram } from './program/validate.ts';
export { programArbitrary } from './program/arbitrary.ts';
export type { ProgramArbitraryOptions } from './program/arbitrary.ts';
export { compileAsyncProgram, compileProgram, isAsyncProgram, renderProgram, Tagged } from './targets/js/compile.ts';
export type { CompiledAsyncProgram, CompiledProgram, RunResult, TaskScheduler } from './targets/js/compile.ts';
export { FifoScheduler } from './targets/js/scheduler.ts';
export { ActivationPaths, sequencesByPath } from './program/activation-paths.ts';
export type { ActivationSequences } from './program/activation-paths.ts';
export { MODEL_EVENT_BUDGET, ModelAmbiguityError, ModelBudgetError, modelTrace } from './model/model.ts';
export type { ModelResult } from './model/model.ts';
export { checkAnyProgram, checkProgram } from './targets/js/check-program.ts';
export type { ProgramCheck, TracerFactory } from './targets/js/check-program.ts';
export { runProperty } from './properties/property.ts';
export type { PropertyOptions, PropertyReport } from './properties/property.ts';
export { GoldenInputError, renderGolden, runGoldens, runRegressions } from './goldens/golden.ts';
export { minimizeProgram } from './program/minimize.ts';
export { checkWireCase, runWireProperty } from './properties/wire-property.ts';
export type { WireCase, WirePropertyReport } from './properties/wire-property.ts';
export { traceArbitrary, VARINT_EDGES } from './properties/trace-arbitrary.ts';
export { chunkLayout } from './properties/wire-layout.ts';
export type { ChunkExtent } from './properties/wire-layout.ts';
export type { GoldenFiles, GoldenResult, GoldenTracerOptions, TaskDumpOptions } from './goldens/golden.ts';
export { checkRetention, runRetentionProperty } from './properties/retention-property.ts';
export type { RetentionReport } from './properties/retention-property.ts';
export { runProblemProperty } from './properties/problem-property.ts';
export type { ProblemReport } from './properties/problem-property.ts';
export { checkStreamsCase, recordStreams, runStreamsProperty, streamsCaseArbitrary } from './properties/streams-property.ts';
export type { StreamRun, StreamsCase, StreamsReport } from './properties/streams-property.ts';
export { checkRecovery, recoveryCaseArbitrary, runRecoveryProperty } from './properties/recovery-property.ts';
export type { RecoveryCase, RecoveryReport, RecoveryStep } from './properties/recovery-property.ts';
// Tracer protocol v1 (harness/targets/process/PROTOCOL.md): a tracer in another process, driven over stdio.
export { AdapterWorker, MAX_RESTARTS_IN_ROW } from './targets/process/worker.ts';
export type { AdapterProgram, AdapterRunResult } from './targets/process/worker.ts';
export type { AdapterWorkerOptions } from './targets/process/handshake.ts';
export { CLOSE_GRACE_MS } from './targets/process/adapter-process.ts';
export { splitCommandLine } from './targets/process/command-line.ts';
export { encodeMessage, MAX_LINE_BYTES, parseHello, parseResponse, PROTOCOL_VERSION } from './targets/process/protocol.ts';
export type { AdapterHello, AdapterResponse, HarnessHello, HelloProblem, RunRequest, TraceEncoding } from './targets/process/protocol.ts';
export { FIRST_BYTES, formatVerdict, STDERR_TAIL_BYTES } from './targets/process/verdict.ts';
export type { Verdict, VerdictRule } from './targets/process/verdict.ts';
