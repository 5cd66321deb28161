// Portable suite: the validators and matchers, on Node, Deno and Bun.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { programArbitrary } from '../../harness/program/arbitrary.ts';
import { isAsyncProgram } from '../../harness/targets/js/compile.ts';
import { ModelBudgetError, modelTrace } from '../../harness/model/model.ts';
import { expectBalanced } from '../../src/assert/expect-balanced.ts';
import { TraceAssertionError } from '../../src/assert/assertion-error.ts';
import { LifecycleValidator } from '../../src/check/lifecycle.ts';
import { runValidators } from '../../src/check/run.ts';
import { SeqValidator } from '../../src/check/seq.ts';
import { StackBalanceValidator } from '../../src/check/stack-balance.ts';
import { parseCanonical } from '../../src/formats/text.ts';

const events = (text: string) => parseCanonical(text).events;
const rules = (text: string) =>
  runValidators(events(text), [new StackBalanceValidator(), new LifecycleValidator(), new SeqValidator()]).map((v) => `${v.rule}@${v.eventIndex}`);

describe('checkers (portable)', () => {
  it('should accept a balanced, closed trace', () => {
    assert.deepEqual(rules('call main #1\ncall f #2\nreturn f #2\nreturn main #1\n'), []);
  });

  it('should report every violation, not the first: an exit that is not the top, then one on an empty stack', () => {
    assert.deepEqual(rules('call main #1\ncall f #2\nreturn main #1\nreturn f #2\n'), ['stack-balance/exit-not-top@2', 'stack-balance/exit-on-empty@3']);
  });

  it('should reject an event after the terminal', () => {
    assert.ok(rules('call f #1\nreturn f #1\nreturn f #1\n').includes('lifecycle/after-terminal@2'));
  });

  it('should throw a TraceAssertionError naming the rule and the event from expectBalanced', () => {
    assert.throws(
      () => expectBalanced(events('call main #1\nyield f #2\n')),
      (e) => e instanceof TraceAssertionError && /stack-balance\/exit-not-top at event 1 .*want exit of #1 \(top of stack\), got yield f #2/.test(e.message),
    );
  });

  it('should accept every trace the model predicts for random sync and generator programs', () => {
    fc.assert(
      fc.property(programArbitrary(), (program) => {
        fc.pre(!isAsyncProgram(program));
        let model;
        try {
          model = modelTrace(program);
        } catch (error) {
          if (error instanceof ModelBudgetError) return fc.pre(false);
          throw error;
        }
        const found = runValidators(model.events, [new StackBalanceValidator(), new LifecycleValidator()]);
        assert.deepEqual(found, []);
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
