import type { Asset } from '../../../../shared/api/assets.js';

/** Power and energy to the kW / kWh they are stored in, without trailing zeros: "42.125", "10". */
const quantity = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 });
/** Fractions as percentages to the basis point they are stored in: "88 %", "12.5 %". */
const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 2 });

export const formatMw = (mw: number): string => `${quantity.format(mw)} MW`;
export const formatMwh = (mwh: number): string => `${quantity.format(mwh)} MWh`;
export const formatFraction = (fraction: number): string => percent.format(fraction);

/** A storage asset's limits in one line, e.g. "20.5 MWh · charge 10 MW · discharge 9.5 MW". */
export const storageSummary = (storage: NonNullable<Asset['storage']>): string =>
  `${formatMwh(storage.energyCapacityMwh)} · charge ${formatMw(storage.maxChargeMw)} · discharge ${formatMw(storage.maxDischargeMw)}`;
