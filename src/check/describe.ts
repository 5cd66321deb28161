import { EventFlag, EventKind, kindName } from '../model/kinds.ts';
import type { CheckedEvent } from './violation.ts';

/** An event as violation text, e.g. `resume g #3 return`. @internal */
export function describeEvent(e: CheckedEvent): string {
  if (e.kind === EventKind.Dropped) return `dropped ${e.waker ?? 0}`;
  if (e.kind === EventKind.Checkpoint) return `checkpoint ${e.waker ?? 0}`;
  if (e.kind === EventKind.Recovery) return `recovery from ${e.waker ? e.waker : '?'}`;
  let kind: string;
  try {
    kind = kindName(e.kind);
  } catch {
    kind = `kind(${e.kind})`;
  }
  const tail =
    e.kind === EventKind.Wake
      ? ` by ${e.waker ? `#${e.waker}` : '?'}`
      : e.kind === EventKind.Pending || e.kind === EventKind.Await
        ? ` on ${e.waker ? `#${e.waker}` : '?'}`
        : (e.flags & EventFlag.ReturnCompletion) !== 0
          ? ' return'
          : '';
  return `${kind} ${typeof e.code === 'string' ? e.code : `code${e.code}`} #${e.activation}${tail}`;
}
