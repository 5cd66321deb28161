/**
 * trace-harness/harness: the program AST, fast-check arbitraries, the targets (the JS compiler; the Python
 * renderer), the model (the oracle) with its semantics profiles (js, cpython-3.12), the properties, the golden
 * corpus runners, and the tracer protocol worker (targets/process/PROTOCOL.md) for tracers in other processes.
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
export { checkNegativeCase, PACKAGE_VALIDATORS, runNegativeProperty } from './properties/negative-property.ts';
export type { NegativeFailure, NegativePropertyOptions, NegativeReport, ValidatorsUnderTest } from './properties/negative-property.ts';
export { CASE_VARIANTS } from './reach/negative-traces.ts';
export type { CaseVariant, Judge, Judgment, NegativeCase } from './reach/negative-case.ts';
export type { RecoveryCase, RecoveryReport, RecoveryStep } from './properties/recovery-property.ts';
export { checkRecording, PACKAGE_RECORDING, recordingCaseArbitrary, runRecordingProperty } from './properties/recording-property.ts';
export type { RecordingCase, RecordingEnding, RecordingHandle, RecordingReport, RecordingStep, RecordingUnderTest } from './properties/recording-property.ts';
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
export type { GeneratorModel, ProfileName, SemanticsProfile } from './model/profile.ts';
export { JS_PROFILE } from './model/profile-js.ts';
export { CPYTHON_PROFILE, GENERATOR_EXIT, RUNTIME_ERROR, VALUE_ERROR } from './model/profile-cpython.ts';
export { runProgramProperty } from './properties/program-property.ts';
export type { ProgramPropertyOptions, ProgramPropertyReport, Skip, TargetCheck } from './properties/program-property.ts';
export { pythonPrograms, runPythonProperty } from './properties/python-property.ts';
export type { PythonPropertyOptions } from './properties/python-property.ts';
export { DOCUMENTED_DIFFERENCES, runDifferentialProperty } from './properties/differential-property.ts';
export type { DifferentialReport } from './properties/differential-property.ts';
export { checkPythonProgram, SKIP_NOT_PYTHON } from './targets/python/check-program.ts';
export type { ProgramRunner } from './targets/process/runner.ts';
export { PYTHON_GOLDEN_PROFILE, renderPythonGolden, runPythonGoldens } from './goldens/python-golden.ts';
// Observe mode (issue 12): span tracers checked through their own async machinery (README "The --tracer contract").
export { ALL_POLICIES, DEFAULT_POLICIES, defineTracer, formatPolicies, isSpanTracer, resolvePolicies } from './observe/span-tracer.ts';
export type { ContextPolicies, GeneratorContext, SpanId, SpanRecord, SpanTracer, SpanTracerModule } from './observe/span-tracer.ts';
export { renderPlainProgram } from './observe/render-plain.ts';
export { runPlainProgram } from './observe/run-plain.ts';
export type { PlainRun } from './observe/run-plain.ts';
export { checkSpanProgram } from './observe/check-span-program.ts';
export type { SpanCheck } from './observe/check-span-program.ts';
export { runSpanProperty, spanPrograms } from './observe/span-property.ts';
export type { SpanPropertyOptions } from './observe/span-property.ts';
export type { SpanProblem } from './observe/observe-runtime.ts';
export { modelSpans } from './model/model.ts';
