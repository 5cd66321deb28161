// The refusal of JSON that is none of our formats. Beside detectFormat once; in its own module so that detecting
// a format does not load the JSONL reader (issue 15): only input that starts like JSON and is no trace needs it.
import { TraceFormatError } from '../model/errors.ts';
import { firstLineShape } from './detect.ts';
import { JSONL_FORMAT, JSONL_VERSION, MAX_JSONL_LINE_BYTES } from './jsonl-header.ts';
import { previewLine } from './preview-line.ts';

/**
 * The error for input that starts like JSON (`{`) but is none of the JSON formats this package reads:
 * its first line is not our JSONL header, not a JSONL event, and the whole is not Chrome JSON. The
 * message names all three, shows the first line, and why it is not an event or not Chrome JSON.
 * @param text - the input
 * @param cause - what reading it as Chrome JSON threw
 * @returns an `unknown-format` {@link TraceFormatError} at byte 0; `cause` itself when the input is Chrome
 *   JSON gone wrong (the array form, or an error other than `bad-json` / `unknown-format`)
 */
export function jsonFormatError(text: string, cause: TraceFormatError): TraceFormatError {
  const body = text.trimStart(); // a byte order mark (U+FEFF) is whitespace to trimStart
  if (!body.startsWith('{') || (cause.code !== 'bad-json' && cause.code !== 'unknown-format')) return cause;
  const shown = previewLine(body.split('\n', 1)[0]!);
  const shape = firstLineShape(new TextEncoder().encode(body.slice(0, MAX_JSONL_LINE_BYTES + 2)));
  const why =
    typeof shape === 'object'
      ? `${JSON.stringify(shape.unknownKind)} is not an event kind name`
      : `as chrome json: ${cause.message.replace(/^[a-z-]+: (want chrome trace json, got )?/, '').replace(/ \(at byte \d+\)$/, '')}`;
  return new TraceFormatError(
    'unknown-format',
    0,
    `want a trace-harness-jsonl header line {"format":"${JSONL_FORMAT}","version":${JSONL_VERSION}}, a jsonl event line {"seq":<n>,"kind":"<event kind>",...} or chrome trace json, got first line ${shown} (${why})`,
  );
}
