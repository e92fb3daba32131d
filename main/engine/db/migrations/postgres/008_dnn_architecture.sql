-- 008 the DNN forecaster (main/engine/ml/models/dnn/): one more architecture a model may have.
ALTER TABLE ml_models DROP CONSTRAINT ml_models_architecture_check;
ALTER TABLE ml_models ADD CONSTRAINT ml_models_architecture_check CHECK (architecture IN ('tft', 'nbeats', 'deepar', 'dnn', 'lear', 'naive'));
