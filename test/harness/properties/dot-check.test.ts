import { describe, expect, it } from 'vitest';
import { checkDot } from '../../../harness/properties/dot-check.ts';
import { toDot } from '../../../src/formats/dot.ts';
import { asyncGraph } from '../../../src/model/async-graph.ts';
import { EventKind } from '../../../src/model/kinds.ts';
import { Trace } from '../../../src/model/trace.ts';

describe('toDot against its TSDoc', () => {
  it('should hold for a trace whose DOT text is written here by hand', () => {
    // main (#1) calls f (#2); both still run at the end, f on top: the current node.
    const trace = Trace.fromEvents([{ seq: 0, kind: EventKind.Call, activation: 1, code: 0, flags: 0 }, { seq: 1, kind: EventKind.Call, activation: 2, code: 1, flags: 0 }], ['main', 'f']);
    const graph = asyncGraph(trace);
    expect(checkDot(graph)).toEqual([]);
    expect(toDot(graph)).toBe(`digraph async {\n  node [shape=box, fontname="monospace"];\n  n1 [label="main #1 (running)"];\n  n2 [label="f #2 (running)", style=filled, fillcolor="#ffd54f", penwidth=2];\n  n1 -> n2 [style=dashed, label="call"];\n}\n`);
  });

  it('should pass a graph without nodes (the header lines and the closing brace)', () => {
    expect(toDot({ nodes: [], edges: [] })).toBe('digraph async {\n  node [shape=box, fontname="monospace"];\n}\n');
    expect(checkDot({ nodes: [], edges: [] })).toEqual([]);
  });
});
