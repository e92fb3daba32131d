import { join } from 'node:path';
import { localDate, shiftDay, wallClockToUtc } from '../../shared/market/time-zone.js';
import { priceToMinor } from '../../shared/units.js';
import { prepareStore } from '../../main/engine/db/open-stores.js';
import { SqliteStore } from '../../main/engine/db/sqlite/sqlite-store.js';
import { loadZoneCatalogue } from '../../main/engine/db/zone-catalogue.js';
import { simulateDayAhead } from '../../main/engine/market/day-ahead-results.js';
import { storeDayAheadHistory } from '../../main/testing/day-ahead-history.js';

const HOUR_MS = 3_600_000;

/** Hours of a zone's history, on its clock: a delivery day and the hour (0-23) they start at. */
export interface ZoneHours {
  zoneId: string;
  day: string;
  hour: number;
}

/** A price written over one hour of the history, as a bad publication or a real scarcity event would. */
export interface InjectedSpike extends ZoneHours {
  price: number;
}

/** Hours whose prices are taken out of the history, as a feed that missed them would leave it. */
export interface InjectedGap extends ZoneHours {
  hours: number;
}

/**
 * Day-ahead history for the Analytics page, written into the data directory before the engine
 * starts: `days` delivery days up to today of each zone as the simulator clears them, with their
 * fundamentals (storeDayAheadHistory), then every period of each spike's hour overwritten with
 * its price, and each gap's hours deleted.
 */
export async function seedDayAheadHistory(dataDir: string, zoneIds: readonly string[], days: number, injected: { spikes: readonly InjectedSpike[]; gaps: readonly InjectedGap[] }, now = Date.now()): Promise<void> {
  const catalogue = loadZoneCatalogue();
  const zoneOf = (id: string) => {
    const zone = catalogue.zones.find((candidate) => candidate.id === id);
    if (!zone) throw new Error(`no zone ${id} in the catalogue`);
    return zone;
  };
  const store = new SqliteStore(join(dataDir, 'optibid.sqlite'));
  try {
    await prepareStore(store, catalogue);
    for (const [index, id] of zoneIds.entries()) {
      const zone = zoneOf(id);
      const today = localDate(zone.timezone, now);
      await storeDayAheadHistory(store, zone, shiftDay(today, 1 - days), today, index + 1);
    }
    const startOf = (at: ZoneHours): number => wallClockToUtc(zoneOf(at.zoneId).timezone, Date.parse(`${at.day}T00:00:00Z`) + at.hour * HOUR_MS);
    for (const spike of injected.spikes) {
      const zone = zoneOf(spike.zoneId);
      const start = startOf(spike);
      const { resolutionMinutes } = simulateDayAhead(zone, spike.day, 1);
      const periods = HOUR_MS / (resolutionMinutes * 60_000);
      await store.marketData.insertMany(
        Array.from({ length: periods }, (_, k) => {
          const at = new Date(start + k * resolutionMinutes * 60_000);
          return { zoneId: zone.id, market: 'day_ahead' as const, resolutionMinutes, intervalStart: at, priceMinor: priceToMinor(spike.price), source: 'import', receivedAt: at };
        }),
      );
    }
    for (const gap of injected.gaps) {
      const start = startOf(gap);
      await store.sql.run("DELETE FROM market_data WHERE zone_id = ? AND market = 'day_ahead' AND interval_start >= ? AND interval_start < ?", [gap.zoneId, new Date(start), new Date(start + gap.hours * HOUR_MS)]);
    }
  } finally {
    await store.close();
  }
}
