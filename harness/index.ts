/**
 * trace-harness/harness: program AST, fast-check arbitraries, compiler, the Python renderer, model (the
 * oracle), the property and the golden corpus runner.
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
// The Python target (PROTOCOL.md §6): validateForPython throws ProgramError for what it cannot express;
// renderPython validates, then returns { source, entry, functions } for a run request.
export { PYTHON_PRELUDE } from './targets/python/prelude.ts';
export { renderPython } from './targets/python/render.ts';
export type { PythonProgram } from './targets/python/render.ts';
export { PYTHON_STATEMENTS, validateForPython } from './targets/python/validate.ts';
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
