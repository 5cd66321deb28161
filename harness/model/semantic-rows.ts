/**
 * The rows of the event-semantics table (README "Event semantics", DESIGN §3), one id each, split where a
 * row names distinct paths ("returns / throws"). The model counts a row each time it applies the row's rule
 * (`Machine.hit`), so semantic coverage says which rules the random programs reached, not which events
 * happened to appear. The ids are stable: they appear in `check --coverage` and its JSON.
 * @module
 */

/** One row of the table: its id and the situation, as the README's table words it. */
export interface SemanticRow {
  readonly id: string;
  readonly situation: string;
}

/** Every row, in the README table's order. */
export const SEMANTIC_ROWS = [
  { id: 'sync/return', situation: 'sync call returns: call F ... return F' },
  { id: 'sync/unwind', situation: 'sync call throws: call F ... unwind F' },
  { id: 'gen/created', situation: 'generator object created: nothing' },
  { id: 'gen/first-next', situation: 'first next(): call F' },
  { id: 'gen/yield', situation: 'yield v: yield F' },
  { id: 'gen/next', situation: 'later next(x): resume F' },
  { id: 'gen/throw', situation: 'g.throw(e) on a suspended generator: throw F' },
  { id: 'gen/return', situation: 'g.return(v) on a suspended generator: resume F return' },
  { id: 'gen/for-of-break', situation: 'break (or return) out of for...of: resume F return' },
  { id: 'gen/return-then-yield', situation: 'g.return(v) whose finally yields: yield F' },
  { id: 'gen/return-then-unwind', situation: 'g.return(v) whose finally throws: unwind F' },
  { id: 'gen/not-started', situation: 'throw()/return() on a never-started generator: nothing for F' },
  { id: 'gen/finished', situation: 'next()/throw()/return() on a finished generator: nothing for F' },
  { id: 'gen/reenter', situation: 're-entering a running generator: nothing for F, TypeError in the caller' },
  { id: 'yield*/suspend', situation: 'yield* suspension: yield inner, yield F' },
  { id: 'yield*/next', situation: 'yield* resumption: resume F, resume inner' },
  { id: 'yield*/throw', situation: 'g.throw(e) while F delegates: throw F, throw inner' },
  { id: 'yield*/return', situation: 'g.return(v) while F delegates: resume F return, resume inner return' },
  { id: 'gen/left-suspended', situation: 'a generator left suspended at the end: nothing more' },
  { id: 'async/call', situation: 'async function invoked: call F' },
  { id: 'async/await-resume', situation: 'await fulfilled: yield F ... resume F' },
  { id: 'async/await-throw', situation: 'await rejected: yield F ... throw F' },
  { id: 'async/return', situation: 'async body finishes: return F' },
  { id: 'async/unwind', situation: 'async body throws: unwind F' },
  { id: 'asyncgen/yield', situation: 'async generator yield v: yield F' },
  { id: 'asyncgen/await', situation: 'async generator internal await: yield F / resume F (or throw F)' },
  { id: 'wake/by-activation', situation: 'settled by activation W: wake F by W' },
  { id: 'wake/by-unknown', situation: 'settled by a timer or combined promise: wake F by ?' },
  { id: 'await/on-activation', situation: 'suspension awaits W: await F on W' },
  { id: 'await/on-unknown', situation: 'suspension awaits another pending promise: await F on ?' },
] as const satisfies readonly SemanticRow[];

/** A row id. */
export type SemanticRowId = (typeof SEMANTIC_ROWS)[number]['id'];
