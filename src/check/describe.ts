import { eventTail, payloadTail, streamRecordText } from '../formats/text.ts';
import { kindName } from '../model/kinds.ts';
import type { CheckedEvent } from './violation.ts';

/** An event as violation text, e.g. `resume g #3 return` (canonical text, tolerant of unknown kinds). @internal */
export function describeEvent(e: CheckedEvent): string {
  const stream = streamRecordText(e.kind, e.waker);
  if (stream !== undefined) return stream;
  let kind: string;
  try {
    kind = kindName(e.kind);
  } catch {
    kind = `kind(${e.kind})`;
  }
  return `${kind} ${typeof e.code === 'string' ? e.code : `code${e.code}`} #${e.activation}${eventTail(e.kind, e.flags, e.waker)}${payloadTail(e.payload)}`;
}
