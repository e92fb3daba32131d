export { createEngine, type Engine, type EngineOptions } from './engine.js';
export { loadConfig, ConfigError, type EngineConfig } from './config/load.js';
