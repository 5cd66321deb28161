/**
 * trace-harness/harness: program AST, fast-check arbitraries, compiler, model (the oracle), the property
 * and the golden corpus runner.
 * @module
 */
export type { Awaitable, DriveMethod, DriveStep, FnDecl, FnKind, Outcome, Program, Stmt, StmtOp } from './ast.ts';
export { formatOutcome, SLOTS, TYPE_ERROR_TAG } from './ast.ts';
export { PROGRAM_LIMITS, ProgramError, validateProgram } from './validate.ts';
export { programArbitrary } from './arbitrary.ts';
export type { ProgramArbitraryOptions } from './arbitrary.ts';
export { compileAsyncProgram, compileProgram, isAsyncProgram, renderProgram, Tagged } from './compile.ts';
export type { CompiledAsyncProgram, CompiledProgram, RunResult, TaskScheduler } from './compile.ts';
export { FifoScheduler } from './scheduler.ts';
export { ActivationPaths, sequencesByPath } from './activation-paths.ts';
export type { ActivationSequences } from './activation-paths.ts';
export { MODEL_EVENT_BUDGET, ModelAmbiguityError, ModelBudgetError, modelTrace } from './model.ts';
export type { ModelResult } from './model.ts';
export { checkAnyProgram, checkProgram } from './check-program.ts';
export type { ProgramCheck, TracerFactory } from './check-program.ts';
export { runProperty } from './property.ts';
export type { PropertyOptions, PropertyReport } from './property.ts';
export { GoldenInputError, renderGolden, runGoldens, runRegressions } from './golden.ts';
export { minimizeProgram } from './minimize.ts';
export { checkWireCase, runWireProperty } from './wire-property.ts';
export type { WireCase, WirePropertyReport } from './wire-property.ts';
export { traceArbitrary, VARINT_EDGES } from './trace-arbitrary.ts';
export { chunkLayout } from './wire-layout.ts';
export type { ChunkExtent } from './wire-layout.ts';
export type { GoldenFiles, GoldenResult, GoldenTracerOptions, TaskDumpOptions } from './golden.ts';
export { checkRetention, runRetentionProperty } from './retention-property.ts';
export type { RetentionReport } from './retention-property.ts';
export { runProblemProperty } from './problem-property.ts';
export type { ProblemReport } from './problem-property.ts';
export { checkStreamsCase, recordStreams, runStreamsProperty, streamsCaseArbitrary } from './streams-property.ts';
export type { StreamRun, StreamsCase, StreamsReport } from './streams-property.ts';
export { checkRecovery, recoveryCaseArbitrary, runRecoveryProperty } from './recovery-property.ts';
export type { RecoveryCase, RecoveryReport, RecoveryStep } from './recovery-property.ts';
