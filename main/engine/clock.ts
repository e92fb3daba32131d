/** Time source of the engine; tests inject a fixed or stepping clock instead of faking timers. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
