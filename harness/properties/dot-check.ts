import { toDot } from '../../src/formats/dot.ts';
import type { AsyncGraph } from '../../src/model/async-graph.ts';

/**
 * `toDot` (the `graph` command's DOT output) on a graph, against its TSDoc: `digraph async {`, a node
 * line, then one box per node labelled `name #id (state)` as a JSON string (the current node filled), one
 * line per edge (`call` edges dashed and labelled, `awaits` edges labelled), `}` and a final newline.
 * @returns what differs, one line
 */
export function checkDot(graph: AsyncGraph): string[] {
  const want = [
    'digraph async {',
    '  node [shape=box, fontname="monospace"];',
    ...graph.nodes.map((n) => `  n${n.id} [label=${JSON.stringify(`${n.name} #${n.id} (${n.state})`)}${n.id === graph.current ? ', style=filled, fillcolor="#ffd54f", penwidth=2' : ''}];`),
    ...graph.edges.map((e) => `  n${e.from} -> n${e.to} [${e.kind === 'call' ? 'style=dashed, label="call"' : 'label="awaits"'}];`),
    '}',
    '',
  ];
  const got = toDot(graph).split('\n');
  const at = want.findIndex((l, i) => l !== got[i]);
  return at < 0 && got.length === want.length ? [] : [`toDot: line ${at + 1}: want ${JSON.stringify(want[at] ?? '(end)')}, got ${JSON.stringify(got[at] ?? '(end)')}`];
}
