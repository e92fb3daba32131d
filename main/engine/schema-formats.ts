import { FormatRegistry } from '@sinclair/typebox';

/**
 * TypeBox's Value.Check fails every string format it has not been taught (HTTP bodies are
 * checked by Fastify's Ajv, which knows them). What the engine checks with Value.Check itself
 * (events from other processes, cached analytics, model files' headers) uses these formats, so
 * they are registered here, once; each such module imports this one.
 */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (value) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)));
if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', (value) => UUID.test(value));
