import { describe, expect, it } from 'vitest';
import type { Program } from '../../../../harness/program/ast.ts';
import { compileAsyncProgram, compileProgram, renderProgram } from '../../../../harness/targets/js/compile.ts';
import { FifoScheduler } from '../../../../harness/targets/js/scheduler.ts';
import { ProgramError } from '../../../../harness/program/validate.ts';
import { Tracer } from '../../../../src/recorder/tracer.ts';
import { formatCanonical } from '../../../../src/formats/text.ts';

const program: Program = {
  functions: [
    {
      name: 'main',
      kind: 'sync',
      body: [
        { op: 'drive', fn: 'ticker', steps: [{ method: 'next' }, { method: 'throw', tag: 'Boom', catch: true }] },
        { op: 'for-of', fn: 'ticker', body: [], breakAfter: 0 },
      ],
    },
    { name: 'ticker', kind: 'generator', body: [{ op: 'yield' }, { op: 'reenter', method: 'return' }] },
  ],
};

describe('renderProgram', () => {
  it('should render readable JavaScript that wraps every function with the tracer', () => {
    expect(renderProgram(program)).toBe(
      [
        'function main() {',
        '  const it1 = spawn(ticker);',
        '  it1.next();',
        '  try { it1.throw(new Tagged("Boom")); } catch {}',
        '  let n1 = 0;',
        '  for (const _ of spawn(ticker)) {',
        '    if (n1++ === 0) break;',
        '  }',
        '}',
        '',
        'function* ticker(self) {',
        '  yield;',
        '  self.it.return();',
        '}',
        '',
        'main = trace(main, "main");',
        'ticker = trace(ticker, "ticker");',
        'return main;',
        '',
      ].join('\n'),
    );
  });
});

describe('compileProgram', () => {
  it('should run the program for real under the tracer and report its outcome', () => {
    const run = compileProgram(program)(new Tracer());
    // ticker #2: g.throw at its yield is not caught inside, so it unwinds (main's catch swallows Boom);
    // ticker #3: for...of, break after the first item closes it.
    expect(formatCanonical(run.trace)).toBe(
      [
        'call main #1',
        'call ticker #2',
        'yield ticker #2',
        'throw ticker #2',
        'unwind ticker #2',
        'call ticker #3',
        'yield ticker #3',
        'resume ticker #3 return',
        'return ticker #3',
        'return main #1',
        '',
      ].join('\n'),
    );
    expect(run.outcome).toEqual({ kind: 'return' });
  });

  it('should report a tagged exception that leaves main as its outcome', () => {
    const run = compileProgram({ functions: [{ name: 'main', kind: 'sync', body: [{ op: 'throw', tag: 'Late' }] }] })(new Tracer());
    expect(run.outcome).toEqual({ kind: 'throw', tag: 'Late' });
  });

  it('should refuse an invalid program before rendering anything', () => {
    const evil = { functions: [{ name: 'main(){globalThis.pwned=1}//', kind: 'sync', body: [] }] } as unknown as Program;
    expect(() => compileProgram(evil)).toThrow(ProgramError);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });
});

describe('renderProgram for coroutines', () => {
  it('should spell out for-await and the probes of an async generator', () => {
    const p: Program = {
      functions: [
        { name: 'main', kind: 'async', body: [{ op: 'for-await', fn: 'ticks', body: [], breakAfter: 0 }] },
        { name: 'ticks', kind: 'asyncGenerator', body: [{ op: 'yield' }] },
      ],
    };
    const source = renderProgram(p);
    expect(source).toContain('async function* ticks() {');
    expect(source).toContain('    let y2 = $.suspend(0);\n    try { yield; y2 = 1; $.resume(); } catch (e) { if (y2 === 0) { y2 = 1; throw $.throw(e); } throw e; } finally { if (y2 === 0) $.resumeReturn(); }');
    expect(source).toContain('        try { r1 = await $.suspend(it1.next()); } catch (e) { throw $.throw(e); }');
    expect(source).toContain('        if (n1++ === 0) {\n          try { await $.suspend(it1.return()); } catch (e) { throw $.throw(e); }\n          $.resume();\n          break;');
    expect(source).toContain('main = traceAsync(main);');
    expect(source).not.toContain('ticks = trace');
  });

  it('should run it: the generator is closed by the break, its return() recorded as a return completion', async () => {
    const p: Program = {
      functions: [
        { name: 'main', kind: 'async', body: [{ op: 'for-await', fn: 'ticks', body: [], breakAfter: 0 }] },
        { name: 'ticks', kind: 'asyncGenerator', body: [{ op: 'yield' }, { op: 'yield' }] },
      ],
    };
    const run = await compileAsyncProgram(p)(new Tracer(), new FifoScheduler());
    // Derived by hand: next() runs ticks to its first yield; main awaits it (an unknown waker); the break
    // calls return(): at a yield an async generator first awaits the return value (ECMAScript
    // AsyncGeneratorYield, return completion), so main suspends before ticks' finally records the
    // return-completion resume and ticks ends. (My first derivation missed that await.)
    expect(formatCanonical(run.trace)).toBe(
      [
        'call main #1',
        'call ticks #2',
        'yield ticks #2',
        'yield main #1',
        'await main #1 on ?',
        'wake main #1 by ?',
        'resume main #1',
        'yield main #1',
        'await main #1 on ?',
        'resume ticks #2 return',
        'return ticks #2',
        'wake main #1 by ?',
        'resume main #1',
        'return main #1',
        '',
      ].join('\n'),
    );
  });
});
