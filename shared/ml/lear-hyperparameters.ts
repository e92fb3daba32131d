import { Type, type Static } from '@sinclair/typebox';
import { ScalingTransform } from './scaling-transform.js';

/** The calibration windows of the epftoolbox benchmark (Lago et al. 2021): two short, two long. */
export const EPFTOOLBOX_CALIBRATION_WINDOWS = [56, 84, 1092, 1456] as const;

/** What LEAR can be trained with (see main/engine/ml/models/lear/lear.ts). */
export const LearHyperparameters = Type.Object(
  {
    calibrationWindows: Type.Array(Type.Integer({ minimum: 14, maximum: 3640 }), {
      minItems: 1,
      maxItems: 4,
      uniqueItems: true,
      default: [1456],
      description:
        'Days each calibration is fitted on; with several, the forecast is the mean of theirs (the epftoolbox ensemble uses 56, 84, 1092 and 1456). Training needs at least the longest window of history',
    }),
    transforms: Type.Array(ScalingTransform, {
      minItems: 1,
      maxItems: 2,
      uniqueItems: true,
      default: ['asinh'],
      description:
        "How inputs and prices are scaled: asinh (epftoolbox's asinh-median, the published LEAR) or npit (each column through its window's empirical distribution, steadier when a window spans a change of price level); with both, each window is calibrated with each and the forecast is the mean of all",
    }),
    quantileDays: Type.Integer({
      minimum: 0,
      maximum: 364,
      default: 28,
      description:
        'The quantile bands are the errors of this many days before the end of training, each forecast out of sample as in the benchmark (one calibration per day and window, so training takes that many times longer); fewer where the history is shorter, and with none (0, or history of exactly the longest window) the in-sample errors of the final calibration',
    }),
  },
  { additionalProperties: false, title: 'LearHyperparameters' },
);
export type LearHyperparameters = Static<typeof LearHyperparameters>;
