import { describe } from 'vitest';
import { describeNetworkForecaster } from '../../../../testing/network-forecaster-suite.js';
import { deeparKind } from './deepar.js';

describe('DeepAR', () => {
  describeNetworkForecaster(deeparKind, { ...deeparKind.defaults, epochs: 6, patience: 6, batchSize: 8, validationDays: 7, learningRate: 0.01, contextHours: 12, hiddenSize: 8, layers: 2, samples: 20 });
});
