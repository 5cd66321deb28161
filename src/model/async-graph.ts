import { EventKind, isStreamRecord } from './kinds.ts';
import type { Trace } from './trace.ts';

/** One activation in the graph; `id` is its first-seen number (1, 2, ...), never a memory address. */
export interface GraphNode {
  readonly id: number;
  readonly name: string;
  /** State at the end of the trace. */
  readonly state: 'running' | 'suspended' | 'finished';
}

/**
 * An edge: `call` from the activation that was running when another was called to that one; `awaits` from
 * an activation to the one whose completion woke it (a `wake` with a known waker).
 */
export interface GraphEdge {
  readonly from: number;
  readonly to: number;
  readonly kind: 'call' | 'awaits';
}

/** The async graph of a trace (DESIGN §3 "Tasks"). */
export interface AsyncGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** The node running at the end of the trace (top of the stack), if any: highlighted by {@link toDot}. */
  readonly current?: number;
}

/**
 * Builds the await graph of a trace: a node per activation (numbered first-seen), `call` edges from the
 * caller to the called, `awaits` edges from each woken activation to its waker.
 * @param trace - any trace
 * @returns nodes in first-seen order, edges in trace order (each once)
 */
export function asyncGraph(trace: Trace): AsyncGraph {
  const c = trace.columns;
  const ids = new Map<number, number>();
  const names: string[] = [];
  const states: GraphNode['state'][] = [];
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const stack: number[] = [];
  const idOf = (raw: number, name: string): number => {
    let id = ids.get(raw);
    if (id === undefined) {
      ids.set(raw, (id = ids.size + 1));
      names.push(name);
      states.push('running');
    }
    return id;
  };
  const edge = (from: number, to: number, kind: GraphEdge['kind']): void => {
    const key = `${from} ${to} ${kind}`;
    if (!seen.has(key)) {
      seen.add(key);
      edges.push({ from, to, kind });
    }
  };
  for (let i = 0; i < trace.length; i++) {
    const kind = c.kind[i]!;
    if (kind === EventKind.Pending || isStreamRecord(kind)) continue; // no node: a dump, or no activation
    const id = idOf(c.activation[i]!, trace.codeName(c.code[i]!));
    if (kind === EventKind.Wake || kind === EventKind.Await) {
      // The await edge, recorded when it awaits (and confirmed by the wake): from the awaiter to the awaited.
      const peer = c.waker?.[i] ?? 0;
      if (peer !== 0 && ids.has(peer)) edge(id, ids.get(peer)!, 'awaits');
      continue;
    }
    if (kind === EventKind.Call && stack.length > 0) edge(stack.at(-1)!, id, 'call');
    if (kind === EventKind.Call || kind === EventKind.Resume || kind === EventKind.Throw) {
      stack.push(id);
      states[id - 1] = 'running';
    } else {
      const at = stack.lastIndexOf(id);
      if (at >= 0) stack.length = at;
      states[id - 1] = kind === EventKind.Yield ? 'suspended' : 'finished'; // return, unwind, abandoned
    }
  }
  const nodes = names.map((name, k) => ({ id: k + 1, name, state: states[k]! }));
  return stack.length > 0 ? { nodes, edges, current: stack.at(-1)! } : { nodes, edges };
}

/**
 * Cycles among `awaits` edges: an activation that (transitively) awaits itself. Empty for any trace a
 * correct tracer records.
 * @returns each cycle as node ids, starting at its smallest id
 */
export function awaitCycles(graph: AsyncGraph): number[][] {
  const next = new Map<number, number[]>();
  for (const e of graph.edges) if (e.kind === 'awaits') next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const cycles: number[][] = [];
  const state = new Map<number, 1 | 2>(); // 1 on the path, 2 done
  const path: number[] = [];
  const visit = (n: number): void => {
    state.set(n, 1);
    path.push(n);
    for (const m of next.get(n) ?? []) {
      if (state.get(m) === 1) {
        const cycle = path.slice(path.indexOf(m));
        const min = cycle.indexOf(Math.min(...cycle));
        cycles.push([...cycle.slice(min), ...cycle.slice(0, min)]);
      } else if (state.get(m) === undefined) visit(m);
    }
    path.pop();
    state.set(n, 2);
  };
  for (const n of graph.nodes) if (state.get(n.id) === undefined) visit(n.id);
  return cycles;
}
