import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import type { MarketZone } from '../../../shared/api/zones.js';
import type { Clock } from '../clock.js';
import type { EngineConfig } from '../config/load.js';
import type { Databases } from '../db/databases.js';
import type { PriceFeed } from './price-feed.js';
import { ReplayFeed } from './replay-feed.js';
import { SimulatorFeed } from './simulator-feed.js';

type FeedName = EngineConfig['feeds']['names'][number];

/** What a feed may need from the engine. */
export interface FeedContext {
  zones: readonly MarketZone[];
  clock: Clock;
  logger: Logger;
  /** Stored prices (the replay plays them). */
  databases: Pick<Databases, 'read'>;
}

type FeedFactory = (config: EngineConfig['feeds'], context: FeedContext) => PriceFeed;

/** How each feed OPTIBID_FEEDS may name is built (a Record: a new name without a factory does not compile). */
const FACTORIES: Record<FeedName, FeedFactory> = {
  simulator: (config, { zones, clock, logger }) => {
    const seed = config.simulatorSeed ?? randomInt(2 ** 31);
    logger.info({ seed }, 'Simulator seed (OPTIBID_SIMULATOR_SEED repeats this run)');
    return new SimulatorFeed(zones, { seed, dayAheadSeed: config.simulatorSeed ?? 0, intervalMs: config.simulatorTickMs, clock });
  },
  replay: ({ replay }, { databases, clock, logger }) => new ReplayFeed(databases, { zones: replay.zones, from: replay.from, speed: replay.speed, clock, logger }),
};

/** The feeds OPTIBID_FEEDS names, built with their own settings. */
export const openFeeds = (config: EngineConfig['feeds'], context: FeedContext): PriceFeed[] => config.names.map((name) => FACTORIES[name](config, context));
