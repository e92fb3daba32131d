import { describe } from 'vitest';
import { describeNetworkForecaster } from '../../../../testing/network-forecaster-suite.js';
import { nbeatsKind } from './nbeats.js';

const tiny = { ...nbeatsKind.defaults, epochs: 6, patience: 6, batchSize: 8, validationDays: 7, learningRate: 0.003, width: 32, layers: 2, thetaSize: 8 };

describe('N-BEATS', () => {
  describeNetworkForecaster(nbeatsKind, { ...tiny, variant: 'generic', stacks: 2, blocksPerStack: 1 });
  describeNetworkForecaster(nbeatsKind, { ...tiny, variant: 'interpretable', blocksPerStack: 1, trendDegree: 2, harmonics: 4 });
});
