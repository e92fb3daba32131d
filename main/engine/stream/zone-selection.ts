import type { EngineEventMap, EventTopic } from '../../../shared/api/events.js';

/** The part of an event about the chosen zones; an empty result means nothing for them. */
type ZoneSelector<T extends EventTopic> = (data: EngineEventMap[T], zones: ReadonlySet<string>) => { data: EngineEventMap[T]; empty: boolean };

/** Topics whose events belong to zones, so a connection can ask for some zones only. */
const SELECTORS: { [T in EventTopic]?: ZoneSelector<T> } = {
  'price-update': (data, zones) => {
    const prices = data.prices.filter((price) => zones.has(price.zoneId));
    // All of it selected: the event itself, whose JSON text is then shared with every such connection (event-text.ts).
    return { data: prices.length === data.prices.length ? data : { prices }, empty: prices.length === 0 };
  },
  // An alert without a zone is for the whole floor: every selection sees it.
  'market-alert': (data, zones) => ({ data, empty: data.zoneId !== null && !zones.has(data.zoneId) }),
  'day-ahead-result': (data, zones) => ({ data, empty: !zones.has(data.zoneId) }),
  'bid-update': (data, zones) => ({ data, empty: !zones.has(data.zoneId) }),
};

export const isZonedTopic = (topic: EventTopic): boolean => SELECTORS[topic] !== undefined;

/**
 * An event as a connection with this zone selection (null: every zone) should see it.
 * `empty` events are not sent live; a snapshot is sent even when empty, so a client subscribed
 * to a zone without prices yet still learns that there are none.
 */
export function selectZones<T extends EventTopic>(topic: T, data: EngineEventMap[T], zones: ReadonlySet<string> | null): { data: EngineEventMap[T]; empty: boolean } {
  const selector = SELECTORS[topic];
  if (!zones || !selector) return { data, empty: false };
  return selector(data, zones);
}
