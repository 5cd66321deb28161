// @ts-check
/**
 * Span-tracer adapter: **OpenTelemetry JS with `AsyncHooksContextManager`**
 * (@opentelemetry/context-async-hooks), the older manager built on `async_hooks.createHook`: a stack of
 * contexts pushed by `with()` and by the `before` hook, and a map from async id to the context current at
 * `init`, from which an entry goes on `destroy` or `promiseResolve`.
 * Issue 12, observe mode: the harness runs generated programs compiled plain, wraps every function with
 * `trace(fn, name)`, and checks the span tree against its model.
 *
 * How it traces (see otel-span-tracer.mjs): `tracer.startActiveSpan` for sync and async functions; a
 * hand-written wrapper for generators and async generators that captures `context.active()` at the call
 * and runs every `next`/`return`/`throw` in `context.with(contextWithTheSpan, ...)`. One context manager
 * for the module, registered as OTel's global one; a fresh `BasicTracerProvider` and span list per program.
 *
 * Policies: `generator-context: creation`, `async-generator-context: creation`: the wrapper parents a
 * generator's span on the context where the generator object is created.
 *
 * Conformance: `npx vitest run test/conformance/otel-async-hooks.test.ts` (fixed seed, every policy combination,
 * compared with test/conformance/expected/otel-async-hooks.json); or by hand
 * `npx trace-harness check --tracer test/conformance/tracers/otel-async-hooks.mjs` (in this repository: after `npm run build`).
 *
 * A plain ES module with JSDoc types: no build step. To copy it, take otel-span-tracer.mjs too.
 * @module
 */
import { AsyncHooksContextManager } from '@opentelemetry/context-async-hooks';
import { createOtelTracerModule } from './otel-span-tracer.mjs';

export const { createTracer, policies } = createOtelTracerModule(() => new AsyncHooksContextManager());
