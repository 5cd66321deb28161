import type { FnDecl } from '../program/ast.ts';
import type { Machine } from './model.ts';
import { ModelGenerator } from './model-generator.ts';
import { type Body, ModelThrow } from './model-parts.ts';
import type { GeneratorModel, SemanticsProfile } from './profile.ts';

/**
 * The `js` profile: DESIGN §3 and the README's JS table, as ECMAScript defines generators (§27.5),
 * `yield*` (§15.5.5) and `for...of` IteratorClose (§7.4.11).
 */
export const JS_PROFILE: SemanticsProfile = {
  name: 'js',
  generator: (m: Machine, fn: FnDecl): GeneratorModel => new ModelGenerator(m, fn),
  delegate,
  closeIterator(it, completion) {
    if (completion !== 'throw') {
      it.return(); // a throw from return() propagates out of the loop
      return;
    }
    // Throw completion: close the iterator, ignore what return() throws; the caller rethrows the original.
    try {
      it.return();
    } catch (ignored) {
      if (!(ignored instanceof ModelThrow)) throw ignored;
    }
  },
  catches: () => true,
  async: 'all',
  lifecycle: { throwMayStart: false },
};

/** `yield*`: every resumption reaches the outer generator first, which forwards it to `inner`. */
function* delegate(inner: GeneratorModel): Body {
  let r = inner.next();
  for (;;) {
    if (r.done) return 'normal';
    const received = yield undefined;
    if (received.mode === 'next') r = inner.next();
    else if (received.mode === 'throw') r = inner.throw(received.tag);
    else if (received.mode === 'return') {
      r = inner.return();
      if (r.done) return 'return';
    } else throw new Error(`model: js yield* resumed with ${received.mode}`);
  }
}
