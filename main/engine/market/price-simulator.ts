import type { MarketZone } from '../../../shared/api/zones.js';
import { utcOffsetMs } from '../../../shared/market/time-zone.js';
import { SeededRandom } from './seeded-random.js';
import { DEFAULT_PROFILE, ZONE_PRICE_PROFILES, type ZonePriceProfile } from './zone-price-profiles.js';

/** One simulated price: the zone's price in its currency per MWh, to the cent. */
export interface SimulatedTick {
  zoneId: string;
  at: Date;
  price: number;
}

/** Mean reversion of the noise, per hour: a shock halves in about 70 minutes. */
export const REVERSION_PER_HOUR = 0.6;
/** Spikes (scarcity in the evening peak, solar gluts at noon) die out faster. */
const SPIKE_DECAY_PER_HOUR = 2;
const SPIKE_RATE_PER_HOUR = 0.015;
const DIP_RATE_PER_HOUR = 0.02;
const MS_PER_HOUR = 3_600_000;

const bump = (hour: number, centre: number, width: number): number => Math.exp(-(((hour - centre) / width) ** 2));

interface LocalTime {
  hour: number;
  weekend: boolean;
}

/**
 * Clocks change only on a quarter hour of UTC (offsets are whole quarter hours and changes happen
 * on the local hour or half hour), so a zone's offset read once per quarter hour is exact.
 */
const OFFSET_BUCKET_MS = 15 * 60_000;

/**
 * Reads the wall-clock hour and day of the week of an instant in a zone's timezone. The offset
 * comes from the platform's timezone data once per quarter hour, not at every tick: a fast feed
 * steps every zone a thousand times a second.
 */
function localClock(timezone: string): (at: Date) => LocalTime {
  let bucket = Number.NaN;
  let offset = 0;
  return (at) => {
    const time = at.getTime();
    const current = Math.floor(time / OFFSET_BUCKET_MS);
    if (current !== bucket) {
      bucket = current;
      offset = utcOffsetMs(timezone, current * OFFSET_BUCKET_MS);
    }
    const wall = new Date(time + offset);
    const day = wall.getUTCDay();
    return { hour: wall.getUTCHours() + wall.getUTCMinutes() / 60, weekend: day === 0 || day === 6 };
  };
}

/**
 * The expected price at a local time: demand shape (night trough, morning and evening peaks,
 * lower at weekends) minus the midday solar dip, which weekends deepen relative to demand.
 */
export function seasonalMean(profile: ZonePriceProfile, { hour, weekend }: LocalTime): number {
  const demand = 1 - 0.2 * bump(hour, 3.5, 2.5) + 0.15 * bump(hour, 8, 1.5) + 0.3 * bump(hour, 19, 2);
  const solar = profile.solar * 0.75 * bump(hour, 13, 2.2) * (weekend ? 1.15 : 1);
  return profile.level * (demand * (weekend ? 0.85 : 1) - solar);
}

/** What a coupled region shares in one step: the noise shock, and the size of a spike or dip (0: none). */
interface RegionalDraw {
  shock: number;
  spike: number;
  dip: number;
}

interface ZoneState {
  zone: MarketZone;
  profile: ZonePriceProfile;
  clock: (at: Date) => LocalTime;
  /** The mean-reverting deviation from the seasonal mean. */
  noise: number;
  /** Spikes and dips on top, decaying fast. */
  jump: number;
}

export interface PriceSimulatorOptions {
  seed: number;
  start: Date;
}

/**
 * A price process per zone for the built-in feed: seasonal mean (daily and weekly shape, solar
 * dip) plus an Ornstein-Uhlenbeck deviation (stepped exactly, so any interval between ticks is
 * right) whose shocks are shared within a coupled region, plus occasional spikes and negative
 * dips; clamped to the zone's day-ahead price limits. Seeded: the same seed and the same
 * sequence of times give the same prices.
 */
export class PriceSimulator {
  private readonly random: SeededRandom;
  private readonly states: ZoneState[];
  private now: Date;

  constructor(zones: readonly MarketZone[], { seed, start }: PriceSimulatorOptions) {
    this.random = new SeededRandom(seed);
    this.now = start;
    this.states = zones.map((zone) => ({ zone, profile: ZONE_PRICE_PROFILES[zone.id] ?? DEFAULT_PROFILE, clock: localClock(zone.timezone), noise: 0, jump: 0 }));
  }

  /** The expected price of a zone at an instant (what the noise reverts to). */
  expected(zoneId: string, at: Date): number {
    const state = this.states.find((candidate) => candidate.zone.id === zoneId);
    if (!state) throw new RangeError(`The simulator has no zone ${zoneId}`);
    return seasonalMean(state.profile, state.clock(at));
  }

  /** Moves every zone to `at` (later than the last call) and returns one tick per zone. */
  advanceTo(at: Date): SimulatedTick[] {
    const hours = (at.getTime() - this.now.getTime()) / MS_PER_HOUR;
    if (hours <= 0) throw new RangeError(`The simulator is at ${this.now.toISOString()}; it cannot go to ${at.toISOString()}`);
    this.now = at;
    const decay = Math.exp(-REVERSION_PER_HOUR * hours);
    const spread = Math.sqrt((1 - decay * decay) / (2 * REVERSION_PER_HOUR));
    // Weather moves coupled markets together: one shock, one spike, one solar glut per region
    // and step, drawn when the region's first zone is stepped (at its local time).
    const regions = new Map<string, RegionalDraw>();
    const regional = (region: string, local: LocalTime): RegionalDraw => {
      let draw = regions.get(region);
      if (!draw) {
        draw = {
          shock: this.random.normal(),
          spike: this.random.happens(SPIKE_RATE_PER_HOUR * (1 + 3 * bump(local.hour, 19, 2)), hours) ? 1 + 3 * this.random.uniform() : 0,
          dip: this.random.happens(DIP_RATE_PER_HOUR * bump(local.hour, 13, 2), hours) ? 0.5 + this.random.uniform() : 0,
        };
        regions.set(region, draw);
      }
      return draw;
    };
    return this.states.map((state) => {
      const { profile, zone } = state;
      const local = state.clock(at);
      const draw = regional(profile.region, local);
      const own = Math.sqrt(1 - profile.coupling ** 2) * this.random.normal();
      state.noise = state.noise * decay + profile.sigma * spread * (profile.coupling * draw.shock + own);
      state.jump *= Math.exp(-SPIKE_DECAY_PER_HOUR * hours);
      // Each zone joins a regional event as strongly as it is coupled (an island market always does).
      const joins = profile.coupling === 0 || this.random.uniform() < profile.coupling;
      if (joins && draw.spike > 0) state.jump += profile.level * draw.spike;
      if (joins && draw.dip > 0 && this.random.uniform() < profile.solar) state.jump -= profile.level * draw.dip;
      const raw = seasonalMean(profile, local) + state.noise + state.jump;
      const price = Math.min(zone.priceLimits.cap, Math.max(zone.priceLimits.floor, raw));
      return { zoneId: zone.id, at, price: Math.round(price * 100) / 100 };
    });
  }
}
