/**
 * How prices behave in each zone, for the simulator: typical level, how much sun pushes midday
 * prices down (and below zero), how wild they are, and which neighbours move with them. Levels
 * are round numbers of the 2024-2025 range of each market, not a forecast.
 */
export interface ZonePriceProfile {
  /** Typical price in the zone currency per MWh. */
  level: number;
  /** Share of the level that the midday solar dip takes away on a sunny day (0-1.5). */
  solar: number;
  /** Volatility of the mean-reverting part, in currency per MWh per square-root hour. */
  sigma: number;
  /** Coupled markets share one regional shock; the weight of it in each zone's shocks. */
  region: string;
  coupling: number;
}

export const ZONE_PRICE_PROFILES: Readonly<Record<string, ZonePriceProfile>> = {
  DE_LU: { level: 85, solar: 1.0, sigma: 14, region: 'CWE', coupling: 0.85 },
  FR: { level: 75, solar: 0.7, sigma: 12, region: 'CWE', coupling: 0.8 },
  NL: { level: 85, solar: 1.0, sigma: 14, region: 'CWE', coupling: 0.85 },
  BE: { level: 82, solar: 0.8, sigma: 13, region: 'CWE', coupling: 0.85 },
  PL: { level: 105, solar: 0.5, sigma: 15, region: 'CWE', coupling: 0.5 },
  DK_1: { level: 75, solar: 0.6, sigma: 15, region: 'NORDIC', coupling: 0.7 },
  DK_2: { level: 78, solar: 0.5, sigma: 15, region: 'NORDIC', coupling: 0.7 },
  NO_1: { level: 45, solar: 0.1, sigma: 8, region: 'NORDIC', coupling: 0.8 },
  NO_2: { level: 50, solar: 0.1, sigma: 9, region: 'NORDIC', coupling: 0.8 },
  SE_3: { level: 40, solar: 0.2, sigma: 10, region: 'NORDIC', coupling: 0.8 },
  SE_4: { level: 60, solar: 0.3, sigma: 13, region: 'NORDIC', coupling: 0.75 },
  FI: { level: 45, solar: 0.2, sigma: 14, region: 'NORDIC', coupling: 0.6 },
  CAISO: { level: 50, solar: 1.2, sigma: 10, region: 'CAISO', coupling: 0 },
  ERCOT: { level: 40, solar: 0.6, sigma: 12, region: 'ERCOT', coupling: 0 },
  PJM: { level: 45, solar: 0.3, sigma: 9, region: 'PJM', coupling: 0 },
};

/** A zone of the catalogue without a profile of its own behaves like a mid-European one. */
export const DEFAULT_PROFILE: ZonePriceProfile = { level: 80, solar: 0.6, sigma: 13, region: 'OTHER', coupling: 0 };
