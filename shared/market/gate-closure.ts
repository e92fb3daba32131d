import type { GateClosureRule } from '../api/zones.js';
import { DAY_MS, localDate, nextDay, wallClockToUtc } from './time-zone.js';

export interface GateClosure {
  /** When the gate closes (epoch ms). */
  at: number;
  /** The delivery day (YYYY-MM-DD) whose bids it closes. */
  deliveryDay: string;
}

/** The gate closure of a rule on one calendar day of its timezone. */
function closureOn(rule: GateClosureRule, day: string): GateClosure {
  const at = wallClockToUtc(rule.timezone, Date.parse(`${day}T${rule.time}:00Z`));
  const delivery = new Date(Date.parse(`${day}T00:00:00Z`) + rule.daysBefore * DAY_MS).toISOString().slice(0, 10);
  return { at, deliveryDay: delivery };
}

/** When the gate for a delivery day (YYYY-MM-DD) closes (epoch ms), in the rule's timezone. */
export const gateClosureFor = (rule: GateClosureRule, deliveryDay: string): number =>
  wallClockToUtc(rule.timezone, Date.parse(`${deliveryDay}T${rule.time}:00Z`) - rule.daysBefore * DAY_MS);

/** The first gate closure after `now`: today's at the rule's time if still ahead, else tomorrow's. */
export function nextGateClosure(rule: GateClosureRule, now: number): GateClosure {
  const today = localDate(rule.timezone, now);
  const closure = closureOn(rule, today);
  return closure.at > now ? closure : closureOn(rule, nextDay(today));
}
