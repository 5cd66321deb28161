/**
 * trace-harness/harness: program AST, fast-check arbitraries, compiler, model (the oracle), the property
 * and the golden corpus runner.
 * @module
 */
export type { DriveMethod, DriveStep, FnDecl, FnKind, Outcome, Program, Stmt, StmtOp } from './ast.ts';
export { formatOutcome, TYPE_ERROR_TAG } from './ast.ts';
export { PROGRAM_LIMITS, ProgramError, validateProgram } from './validate.ts';
export { programArbitrary } from './arbitrary.ts';
export type { ProgramArbitraryOptions } from './arbitrary.ts';
export { compileProgram, renderProgram, Tagged } from './compile.ts';
export type { CompiledProgram, RunResult } from './compile.ts';
export { MODEL_EVENT_BUDGET, ModelBudgetError, modelTrace } from './model.ts';
export type { ModelResult } from './model.ts';
export { checkProgram } from './check-program.ts';
export type { ProgramCheck, TracerFactory } from './check-program.ts';
export { runProperty } from './property.ts';
export type { PropertyOptions, PropertyReport } from './property.ts';
export { GoldenInputError, renderGolden, runGoldens, runRegressions } from './golden.ts';
export type { GoldenFiles, GoldenResult } from './golden.ts';
