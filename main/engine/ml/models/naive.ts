import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { NaiveHyperparameters } from '../../../../shared/ml/naive-hyperparameters.js';
import { dayValues, HOURS_PER_DAY, weekdayOf, type DailySeries } from '../daily-series.js';
import { residualOffsets, withResidualQuantiles } from '../evaluation/residual-quantiles.js';
import type { ForecasterKind, TrainedForecaster } from '../forecaster.js';

/**
 * The naive benchmark of epftoolbox (Lago et al. 2021, section 5.1): a Monday, Saturday or
 * Sunday is forecast by the same day a week before, any other day by the day before. Its
 * quantiles are its own errors over the last `quantileDays` days it was trained on.
 */

/** The earliest day the rule can forecast: it looks back up to a week. */
export const NAIVE_LOOKBACK_DAYS = 7;

/** The day the rule copies to forecast day `target`. */
export const naiveSourceDay = (series: DailySeries, target: number): number => {
  const weekday = weekdayOf(series.dates[target]!);
  return weekday === 0 || weekday >= 5 ? target - 7 : target - 1;
};

const ArtifactSchema = Type.Object({ architecture: Type.Literal('naive'), hyperparameters: NaiveHyperparameters, offsets: Type.Array(Type.Array(Type.Number())) });
type Artifact = Static<typeof ArtifactSchema>;

function forecaster(artifact: Artifact): TrainedForecaster {
  return {
    architecture: 'naive',
    hyperparameters: artifact.hyperparameters,
    exogenous: [],
    async forecastDay(series, target) {
      if (target < NAIVE_LOOKBACK_DAYS) throw new RangeError(`the naive rule needs ${String(NAIVE_LOOKBACK_DAYS)} days before the one it forecasts`);
      return withResidualQuantiles([...dayValues(series.prices, naiveSourceDay(series, target))], artifact.offsets);
    },
    serialize: () => new TextEncoder().encode(JSON.stringify(artifact)),
    dispose: () => undefined,
  };
}

/** Fits the rule's quantiles: its errors on the last `quantileDays` of days [0, until). */
function trainNaive(series: DailySeries, until: number, hyperparameters: NaiveHyperparameters): TrainedForecaster {
  const first = Math.max(NAIVE_LOOKBACK_DAYS, until - hyperparameters.quantileDays);
  if (until - first < 1) throw new RangeError(`the naive rule needs at least ${String(NAIVE_LOOKBACK_DAYS + 1)} days to train on; got ${String(until)}`);
  const residuals = new Float64Array((until - first) * HOURS_PER_DAY);
  for (let day = first; day < until; day++) {
    const actual = dayValues(series.prices, day);
    const copied = dayValues(series.prices, naiveSourceDay(series, day));
    for (let h = 0; h < HOURS_PER_DAY; h++) residuals[(day - first) * HOURS_PER_DAY + h] = actual[h]! - copied[h]!;
  }
  return forecaster({ architecture: 'naive', hyperparameters, offsets: residualOffsets(residuals) });
}

export const naiveKind: ForecasterKind<NaiveHyperparameters> = {
  architecture: 'naive',
  defaults: Value.Create(NaiveHyperparameters),
  async train(series, until, hyperparameters) {
    return trainNaive(series, until, hyperparameters);
  },
  deserialize(bytes) {
    const artifact: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (!Value.Check(ArtifactSchema, artifact)) throw new TypeError('not a naive model file');
    return forecaster(artifact);
  },
};
