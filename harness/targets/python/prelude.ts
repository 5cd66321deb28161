/**
 * The prelude every rendered Python program starts with, byte for byte as PROTOCOL.md §6 prints it: the
 * `Tagged` exception programs raise, `_held` (generators a `drive` keeps alive until the run ends),
 * `_spawn` (creates a generator that re-enters itself, handing it a weak proxy to its own generator object)
 * and `_reject` (what a coroutine awaits for a rejection: one suspension, then the raise).
 *
 * Every name it binds starts with `_` (or is `Tagged`); program functions never do (see
 * `validateForPython`). A test asserts PROTOCOL.md contains this text verbatim.
 *
 * @remarks Ends with a newline; `renderPython` puts two blank lines after it, then the functions.
 */
export const PYTHON_PRELUDE = `# trace-harness program (python target, protocol 1)
import asyncio as _asyncio
import weakref as _weakref


class Tagged(Exception):
    """The program's own exceptions: raise Tagged("E1"); the outcome's tag is args[0]."""


_held = []  # generators driven by explicit calls stay alive until the run ends


class _Self:
    """What a generator that re-enters itself holds: a weak proxy to its own generator object."""

    it = None


def _spawn(fn):
    me = _Self()
    gen = fn(me)
    me.it = _weakref.proxy(gen)
    return gen


async def _reject(tag):
    """What awaiting a rejection is: suspend once, like asyncio.sleep(0), then raise Tagged(tag)."""
    await _asyncio.sleep(0)
    raise Tagged(tag)
`;
