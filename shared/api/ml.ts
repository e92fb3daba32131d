import { Type, type Static } from '@sinclair/typebox';

/**
 * Price forecasting: the model architectures the terminal trains, and what a forecast of one
 * delivery day is. The routes' request and response schemas build on these.
 */

export const ModelArchitecture = Type.Union([Type.Literal('tft'), Type.Literal('nbeats'), Type.Literal('deepar'), Type.Literal('lear'), Type.Literal('naive')], {
  description: 'tft: Temporal Fusion Transformer; nbeats: N-BEATS; deepar: DeepAR; lear: the LASSO-estimated autoregressive model of the epftoolbox benchmark; naive: last week\'s day for Mondays and weekends, yesterday otherwise',
});
export type ModelArchitecture = Static<typeof ModelArchitecture>;

/** The quantile levels every model reports, so fan charts and comparisons line up across models. */
export const QUANTILE_LEVELS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95] as const;

export const QuantileValues = Type.Object(
  {
    level: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
    values: Type.Array(Type.Number(), { description: 'One per hour of the day, as `point`' }),
  },
  { title: 'QuantileValues' },
);
export type QuantileValues = Static<typeof QuantileValues>;

export const DayForecast = Type.Object(
  {
    point: Type.Array(Type.Number(), { description: 'The point forecast of each hour of the delivery day, in the zone\'s currency per MWh' }),
    quantiles: Type.Array(QuantileValues, { description: 'At QUANTILE_LEVELS, each no lower than the one before it, hour by hour' }),
  },
  { title: 'DayForecast' },
);
export type DayForecast = Static<typeof DayForecast>;
