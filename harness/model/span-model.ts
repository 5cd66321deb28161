import type { FnKind } from '../program/ast.ts';

/**
 * What the span-tree model knows of one activation (observe mode, issue 12), keyed by its **invocation
 * key**: the key of the context that invoked it, a dot, and its ordinal among that context's invocations
 * (`1`, `1.2`, `1.2~1.1`). A context is an activation's body, or a callback it scheduled (`<key>~<n>`, the
 * n-th callback it scheduled), so a key depends only on each body's own control flow, never on the
 * schedule: the runtime computes the same keys from what it sees (README "Span tracers").
 */
export interface ModelActivation {
  readonly key: string;
  readonly name: string;
  readonly kind: FnKind;
  /** The activation whose body (or callback) invoked it (created it, for a generator); '' for the entry. */
  readonly invoker: string;
  /** Generators: the activation running when the first `next()` started it ('' at the top); undefined if never started. */
  firstResumer?: string;
  /** `unstarted` (a generator never resumed), `suspended` (stopped at a yield or an await when the run ended), `finished`. */
  status: 'unstarted' | 'closed' | 'suspended' | 'finished';
}

/** A call-out point (`event` statement) and the activation whose span must be active there. */
export interface ModelCallout {
  /** The key of the activation whose body (or callback) runs the statement. */
  readonly context: string;
  /** The event type the statement names (for the report). */
  readonly type: string;
}

/**
 * The span-tree model's record of a run, kept by the interpreter (`Machine`) as it runs the program:
 * invocations, first resumptions, ends and call-outs. The expected tree under a policy comes from
 * {@link expectedParent}.
 * @internal
 */
export class SpanModel {
  readonly activations: Map<string, ModelActivation> = new Map();
  readonly callouts: ModelCallout[] = [];
  private readonly ordinals = new Map<string, number>();
  private readonly byActivation = new Map<number, ModelActivation>();
  private readonly byObject = new WeakMap<object, ModelActivation>();
  /** Callback contexts open now, innermost last, with the interpreter stack depth they started at. */
  private readonly callbacks: { key: string; depth: number }[] = [];

  /**
   * The context a statement runs in now: the innermost callback started at this stack depth, or the
   * running activation's key.
   */
  context(running: readonly number[]): string {
    const cb = this.callbacks.at(-1);
    if (cb !== undefined && cb.depth === running.length) return cb.key;
    const top = running.at(-1);
    return top === undefined ? '' : (this.byActivation.get(top)?.key ?? '');
  }

  /** An invocation in the current context: a call, or a generator object's creation (`object`). */
  invoke(running: readonly number[], name: string, kind: FnKind, object?: object): ModelActivation {
    const context = this.context(running);
    const n = (this.ordinals.get(context) ?? 0) + 1;
    this.ordinals.set(context, n);
    const key = context === '' ? String(n) : `${context}.${n}`;
    const a: ModelActivation = { key, name, kind, invoker: ownerOf(context), status: kind === 'generator' || kind === 'asyncGenerator' ? 'unstarted' : 'suspended' };
    this.activations.set(key, a);
    if (object !== undefined) this.byObject.set(object, a);
    return a;
  }

  /** The activation id the interpreter gave an invocation (at its `call` event). */
  bind(a: ModelActivation, activation: number): void {
    this.byActivation.set(activation, a);
  }

  /** A generator object's first resumption, before its `call` event: who resumes it. */
  firstResume(running: readonly number[], object: object, activation: number): void {
    const a = this.byObject.get(object);
    if (a === undefined) return;
    a.firstResumer = ownerOf(this.context(running));
    a.status = 'suspended';
    this.byActivation.set(activation, a);
  }

  /** A generator object closed before it ever ran (`return()`/`throw()` on a new generator). */
  closedUnstarted(object: object): void {
    const a = this.byObject.get(object);
    if (a !== undefined && a.status === 'unstarted') a.status = 'closed';
  }

  /** An activation's body finished (its `return` or `unwind`). */
  finished(activation: number): void {
    const a = this.byActivation.get(activation);
    if (a !== undefined) a.status = 'finished';
  }

  /** An `event` statement runs now. */
  callout(running: readonly number[], type: string): void {
    this.callouts.push({ context: ownerOf(this.context(running)), type });
  }

  /** Runs a callback scheduled in the current context (the model runs it right away: nothing it does depends on when). */
  callback<T>(running: readonly number[], run: () => T): T {
    const owner = this.context(running);
    const n = (this.ordinals.get(`${owner}~`) ?? 0) + 1;
    this.ordinals.set(`${owner}~`, n);
    this.callbacks.push({ key: `${owner}~${n}`, depth: running.length });
    try {
      return run();
    } finally {
      this.callbacks.pop();
    }
  }
}

/** The activation a context belongs to: a callback `1.2~3` belongs to `1.2`. */
export function ownerOf(context: string): string {
  const m = /~\d+$/.exec(context);
  return m === null ? context : ownerOf(context.slice(0, m.index));
}

/**
 * The expected parent of an activation's span under the policies: its invoker, except for a generator under
 * `resume`, whose span's parent is the activation that first resumed it.
 * @returns the parent's key, '' for a root span
 */
export function expectedParent(a: ModelActivation, policy: { generator: 'creation' | 'resume'; asyncGenerator: 'creation' | 'resume' }): string {
  const p = a.kind === 'generator' ? policy.generator : a.kind === 'asyncGenerator' ? policy.asyncGenerator : 'creation';
  return p === 'resume' && a.firstResumer !== undefined ? a.firstResumer : a.invoker;
}
