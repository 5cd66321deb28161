import type { AsyncGraph } from '../model/async-graph.ts';

/**
 * Renders an async graph as Graphviz DOT: one box per activation labelled `name #id (state)`, dashed
 * `call` edges, solid `awaits` edges, the current node filled. Ids are the graph's first-seen numbers,
 * so the same trace always gives the same text.
 *
 * @example
 * ```ts
 * toDot(asyncGraph(trace)); // 'digraph async {\n  node [shape=box];\n  n1 [label="main #1 (finished)"];\n ...'
 * ```
 * @param graph - from {@link asyncGraph}
 * @returns the DOT text, ending in a newline
 */
export function toDot(graph: AsyncGraph): string {
  const lines = ['digraph async {', '  node [shape=box, fontname="monospace"];'];
  for (const n of graph.nodes) {
    const current = n.id === graph.current ? ', style=filled, fillcolor="#ffd54f", penwidth=2' : '';
    lines.push(`  n${n.id} [label=${JSON.stringify(`${n.name} #${n.id} (${n.state})`)}${current}];`);
  }
  for (const e of graph.edges) {
    lines.push(e.kind === 'call' ? `  n${e.from} -> n${e.to} [style=dashed, label="call"];` : `  n${e.from} -> n${e.to} [label="awaits"];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
