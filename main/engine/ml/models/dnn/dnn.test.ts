import { describe } from 'vitest';
import { describeNetworkForecaster } from '../../../../testing/network-forecaster-suite.js';
import { dnnKind } from './dnn.js';

const tiny = { ...dnnKind.defaults, epochs: 6, patience: 6, batchSize: 8, validationDays: 7, learningRate: 0.003, hiddenLayers: [32, 16] };

describe('DNN', () => {
  describeNetworkForecaster(dnnKind, tiny);
  describeNetworkForecaster(dnnKind, { ...tiny, validationSampling: 'latest', activation: 'softplus', l1: 0.0001, dropout: 0.2, hiddenLayers: [24], priceLagDays: [1, 7], exogenousLagDays: [0] });
});
