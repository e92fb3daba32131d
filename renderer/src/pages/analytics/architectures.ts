import { ModelArchitecture } from '../../../../shared/api/ml.js';

/** Every architecture of the API, in its schema's order: the form lists them all, whether this build trains them or not. */
export const ARCHITECTURES: readonly ModelArchitecture[] = ModelArchitecture.anyOf.map((literal) => literal.const);

export const ARCHITECTURE_LABELS: Record<ModelArchitecture, string> = {
  tft: 'TFT (Temporal Fusion Transformer)',
  nbeats: 'N-BEATS',
  deepar: 'DeepAR',
  dnn: 'DNN (epftoolbox perceptron)',
  lear: 'LEAR (LASSO autoregressive)',
  naive: 'Naive (yesterday, or last week)',
};

/** Short names for tables. */
export const ARCHITECTURE_SHORT: Record<ModelArchitecture, string> = { tft: 'TFT', nbeats: 'N-BEATS', deepar: 'DeepAR', dnn: 'DNN', lear: 'LEAR', naive: 'Naive' };

/** What can be moved on to newer days without training anew (the engine's kinds); the naive rule has nothing to learn. */
export const RECALIBRATES: Record<ModelArchitecture, boolean> = { tft: true, nbeats: true, deepar: true, dnn: true, lear: true, naive: false };
