import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import type { MarketZone } from '../../../shared/api/zones.js';
import type { Clock } from '../clock.js';
import type { EngineConfig } from '../config/load.js';
import type { PriceFeed } from './price-feed.js';
import { SimulatorFeed } from './simulator-feed.js';

type FeedName = EngineConfig['feeds']['names'][number];
type FeedFactory = (config: EngineConfig['feeds'], zones: readonly MarketZone[], clock: Clock, logger: Logger) => PriceFeed;

/** How each feed OPTIBID_FEEDS may name is built (a Record: a new name without a factory does not compile). */
const FACTORIES: Record<FeedName, FeedFactory> = {
  simulator: (config, zones, clock, logger) => {
    const seed = config.simulatorSeed ?? randomInt(2 ** 31);
    logger.info({ seed }, 'Simulator seed (OPTIBID_SIMULATOR_SEED repeats this run)');
    return new SimulatorFeed(zones, { seed, intervalMs: config.simulatorTickMs, clock });
  },
};

/** The feeds OPTIBID_FEEDS names, built with their own settings. */
export const openFeeds = (config: EngineConfig['feeds'], zones: readonly MarketZone[], clock: Clock, logger: Logger): PriceFeed[] =>
  config.names.map((name) => FACTORIES[name](config, zones, clock, logger));
