import { describe } from 'vitest';
import { describeNetworkForecaster } from '../../../../testing/network-forecaster-suite.js';
import { tftKind } from './tft.js';

describe('the Temporal Fusion Transformer', () => {
  describeNetworkForecaster(tftKind, { ...tftKind.defaults, epochs: 6, patience: 6, batchSize: 8, validationDays: 7, learningRate: 0.01, encoderHours: 12, hiddenSize: 8, heads: 2 });
});
