import { xoroshiro128plus, type RandomGenerator } from 'pure-rand';

/** A seeded source of uniform and normal variates: the same seed gives the same run, for tests and replays. */
export class SeededRandom {
  private readonly generator: RandomGenerator;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    this.generator = xoroshiro128plus(seed);
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return (this.generator.unsafeNext() >>> 0) / 2 ** 32;
  }

  /** Standard normal (Box-Muller; the second variate of each pair is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Whether an event of `ratePerHour` happens within `hours` (Poisson arrivals). */
  happens(ratePerHour: number, hours: number): boolean {
    return this.uniform() < 1 - Math.exp(-ratePerHour * hours);
  }
}
