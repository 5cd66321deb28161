import fc from 'fast-check';

/**
 * Swarm testing (Groce, Zhang, Eide, Chen, Regehr, "Swarm Testing", ISSTA 2012): each program first
 * draws which features it may use, and how much of each, so a rare combination (a `g.throw()`
 * into a generator suspended in a `yield*`) is no longer diluted by every other statement kind. `yield`,
 * `call`, `drive next`, `await call` and generator functions are always on: without them nothing
 * suspends or runs.
 */
export interface SwarmFeatures {
  readonly yieldStar: Dose;
  readonly throw: Dose;
  readonly return: Dose;
  readonly reenter: Dose;
  readonly driveThrow: Dose;
  readonly driveReturn: Dose;
  readonly try: Dose;
  readonly forOf: Dose;
  readonly forAwait: Dose;
  readonly start: Dose;
  readonly event: Dose;
  readonly awaitValue: Dose;
  readonly awaitReject: Dose;
  readonly awaitTick: Dose;
  readonly awaitAllRace: Dose;
  readonly awaitSlot: Dose;
  readonly syncFunctions: Dose;
  readonly asyncFunctions: Dose;
  readonly asyncGenerators: Dose;
}

/** How much of a feature a program gets: off (0), as usual (1), or {@link HEAVY} times as often. */
export type Dose = 0 | 1 | 4;
/** The heavy dose: a feature this many times its usual weight. */
export const HEAVY = 4;

/** Every feature on: what a program without swarm testing may use. */
export const ALL_FEATURES: SwarmFeatures = {
  yieldStar: 1, throw: 1, return: 1, reenter: 1, driveThrow: 1, driveReturn: 1, try: 1, forOf: 1, forAwait: 1, start: 1, event: 1,
  awaitValue: 1, awaitReject: 1, awaitTick: 1, awaitAllRace: 1, awaitSlot: 1, syncFunctions: 1, asyncFunctions: 1, asyncGenerators: 1,
};

/**
 * The feature sets of swarm testing: each feature off, as usual or heavy, each with probability 1/3 (a
 * weighted swarm: on/off alone leaves a combination of two rare features as rare as before). Doses
 * shrink to off, so a shrunk counterexample keeps only the features it needs.
 * @internal
 */
export function swarmFeatures(): fc.Arbitrary<SwarmFeatures> {
  const dose = fc.constantFrom<Dose>(0, 1, HEAVY);
  return fc.record(Object.fromEntries(Object.keys(ALL_FEATURES).map((k) => [k, dose])) as { [K in keyof SwarmFeatures]: fc.Arbitrary<Dose> });
}

/**
 * The feature sets a swarm run draws from: {@link ALL_FEATURES} first (where a shrunk program's pool index
 * goes), then 63 drawn once with a fixed seed. Groce et al. draw a fixed number of configurations too; a
 * pool keeps the cost of building an arbitrary per feature set to 64 builds per run.
 */
export const SWARM_POOL: readonly SwarmFeatures[] = [ALL_FEATURES, ...fc.sample(swarmFeatures(), { numRuns: 63, seed: 20130715 })];

/** A feature's weight: its usual `weight` times its dose (0 when off). @internal */
export function weightIf(dose: Dose, weight: number): number {
  return dose * weight;
}
