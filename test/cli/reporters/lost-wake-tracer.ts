// A --tracer module for the html reporter's tests: this package's tracer with the wakes of async completions lost.
import { lostWakeTracer } from '../../fixtures/mutant-tracers.ts';

export const createTracer = lostWakeTracer;
