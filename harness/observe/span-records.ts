import type { SpanProblem } from './observe-runtime.ts';
import type { SpanId, SpanRecord } from './span-tracer.ts';

/**
 * Checks the shape of what a span tracer's `spans()` returned before anything is compared (issue 12 "Bad
 * input"): each record an object with an `id` (a string or a finite number) unique among the spans, a
 * `parentId` that is absent, `null` or the id of another span, with no cycle through parents, a string
 * `name`, and `ended` a count (an integer >= 0).
 * @returns one problem per bad record (`span/bad-record`, `span/duplicate-id`, `span/unknown-parent`, `span/cycle`), at most 20
 */
export function checkSpanRecords(spans: readonly unknown[]): SpanProblem[] {
  const out: SpanProblem[] = [];
  const add = (rule: string, message: string): void => {
    if (out.length < 20) out.push({ rule, message });
  };
  const ids = new Map<SpanId, number>();
  spans.forEach((value, i) => {
    const s = value as Partial<SpanRecord> | null;
    if (typeof s !== 'object' || s === null) return add('span/bad-record', `spans()[${i}] is ${s === null ? 'null' : typeof s}, not an object`);
    if (!isId(s.id)) return add('span/bad-record', `spans()[${i}].id is ${show(s.id)}: want a string or a finite number`);
    if (typeof s.name !== 'string') add('span/bad-record', `spans()[${i}].name is ${show(s.name)}: want a string`);
    if (!(Number.isInteger(s.ended) && (s.ended as number) >= 0)) add('span/bad-record', `spans()[${i}].ended is ${show(s.ended)}: want the number of times the span was ended`);
    if (s.parentId !== undefined && s.parentId !== null && !isId(s.parentId)) add('span/bad-record', `spans()[${i}].parentId is ${show(s.parentId)}: want a span id, null or undefined`);
    if (ids.has(s.id)) add('span/duplicate-id', `spans()[${i}] and spans()[${ids.get(s.id)}] have the same id ${JSON.stringify(s.id)}`);
    else ids.set(s.id, i);
  });
  if (out.length > 0) return out;
  const parent = new Map<SpanId, SpanId | undefined>();
  for (const s of spans as readonly SpanRecord[]) parent.set(s.id, s.parentId ?? undefined);
  for (const s of spans as readonly SpanRecord[]) {
    const p = s.parentId ?? undefined;
    if (p !== undefined && !parent.has(p)) add('span/unknown-parent', `span ${JSON.stringify(s.id)} "${s.name}" has parent ${JSON.stringify(p)}, which is no span's id`);
  }
  for (const s of spans as readonly SpanRecord[]) {
    // Walk up at most spans.length steps: longer means a cycle.
    let at: SpanId | undefined = s.id;
    for (let n = 0; at !== undefined; n++) {
      if (n > spans.length) {
        add('span/cycle', `span ${JSON.stringify(s.id)} "${s.name}" is its own ancestor`);
        break;
      }
      at = parent.get(at);
    }
  }
  return out;
}

function isId(v: unknown): v is SpanId {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.slice(0, 40));
  if (typeof v === 'number' || typeof v === 'boolean' || v === undefined || v === null) return String(v);
  return typeof v === 'function' ? 'a function' : Array.isArray(v) ? 'an array' : 'an object';
}
