import pino, { type DestinationStream, type Logger } from 'pino';
import type { EngineConfig } from '../config/load.js';

/**
 * JSON lines (pino) with ISO times and the engine's base fields. Secrets that might reach a
 * log line through a request or a config object are redacted at the source.
 */
export function createLogger(level: EngineConfig['logLevel'], destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'optibid-engine', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', '*.password', '*.databaseUrl'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
