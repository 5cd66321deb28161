import { describe, expect, it } from 'vitest';
import { toDot } from '../../src/formats/dot.ts';
import { traceFromCanonical } from '../../src/formats/text.ts';
import { asyncGraph, awaitCycles } from '../../src/model/async-graph.ts';
import { events } from '../fixtures/trace-builders.ts';

// main awaits a (running), a awaits a tick and is woken by ? ; a's completion wakes main.
const trace = traceFromCanonical(
  events(`call main #7
call a #9
yield a #9
yield main #7
wake a #9 by ?
resume a #9
call f #4
return f #4
wake main #7 by #9
return a #9
resume main #7
call g #5
yield g #5`),
);

describe('asyncGraph', () => {
  it('should number activations first-seen and draw call and awaits edges', () => {
    expect(asyncGraph(trace)).toEqual({
      nodes: [
        { id: 1, name: 'main', state: 'running' },
        { id: 2, name: 'a', state: 'finished' },
        { id: 3, name: 'f', state: 'finished' },
        { id: 4, name: 'g', state: 'suspended' },
      ],
      edges: [
        { from: 1, to: 2, kind: 'call' },
        { from: 2, to: 3, kind: 'call' },
        { from: 1, to: 2, kind: 'awaits' },
        { from: 1, to: 4, kind: 'call' },
      ],
      current: 1,
    });
    expect(awaitCycles(asyncGraph(trace))).toEqual([]);
  });

  it('should render stable DOT with the current node highlighted', () => {
    expect(toDot(asyncGraph(trace))).toBe(
      [
        'digraph async {',
        '  node [shape=box, fontname="monospace"];',
        '  n1 [label="main #1 (running)", style=filled, fillcolor="#ffd54f", penwidth=2];',
        '  n2 [label="a #2 (finished)"];',
        '  n3 [label="f #3 (finished)"];',
        '  n4 [label="g #4 (suspended)"];',
        '  n1 -> n2 [style=dashed, label="call"];',
        '  n2 -> n3 [style=dashed, label="call"];',
        '  n1 -> n2 [label="awaits"];',
        '  n1 -> n4 [style=dashed, label="call"];',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('should find an activation that awaits itself through others', () => {
    const cyclic = traceFromCanonical(events('call a #1\nyield a #1\ncall b #2\nyield b #2\nwake a #1 by #2\nwake b #2 by #1'));
    expect(awaitCycles(asyncGraph(cyclic))).toEqual([[1, 2]]);
  });
});

describe('asyncGraph of a flight-recorder snapshot', () => {
  it('should draw no node for the dropped record', () => {
    const snap = traceFromCanonical(events('dropped 3\nreturn f #1\ncall g #2\nreturn g #2'));
    expect(asyncGraph(snap).nodes.map((n) => n.name)).toEqual(['f', 'g']);
  });
});
