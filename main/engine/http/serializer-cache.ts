import { SerializerSelector, type SerializerFactory } from '@fastify/fast-json-stringify-compiler';

/**
 * Fastify's own serializer compiler (fast-json-stringify), compiling each schema object once.
 * Every API route declares the same error envelope for its 4xx and 5xx answers; without this
 * it would be compiled anew for each route, a large share of start-up time.
 */
export function cachingSerializerFactory(): SerializerFactory {
  const build = SerializerSelector();
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    const compiled = new WeakMap<object, ReturnType<typeof compile>>();
    return (route) => {
      if (typeof route.schema !== 'object' || route.schema === null) return compile(route);
      let serializer = compiled.get(route.schema);
      if (!serializer) {
        serializer = compile(route);
        compiled.set(route.schema, serializer);
      }
      return serializer;
    };
  };
}
