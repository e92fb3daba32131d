import { AjvCompiler, type ValidatorFactory } from '@fastify/ajv-compiler';
import { SerializerSelector, type SerializerFactory } from '@fastify/fast-json-stringify-compiler';

/*
 * Fastify's own compilers (ajv for validation, fast-json-stringify for responses), wrapped so
 * that each route's schemas are compiled on that route's first request instead of all at
 * start-up. With some fifty routes, compiling everything up front was a third of start-up
 * time; a terminal should answer /health at once and pay for a route when it is first used.
 */

/** Responses: compiled on first use, and once per schema object (every API route shares the error envelope). */
export function lazySerializerFactory(): SerializerFactory {
  const build = SerializerSelector();
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    const compiled = new WeakMap<object, ReturnType<typeof compile>>();
    return (route) => {
      let serializer: ReturnType<typeof compile> | undefined;
      return (data: unknown) => {
        if (!serializer) {
          const key = typeof route.schema === 'object' && route.schema !== null ? route.schema : null;
          serializer = (key && compiled.get(key)) ?? compile(route);
          if (key) compiled.set(key, serializer);
        }
        return serializer(data);
      };
    };
  };
}

/**
 * Requests: each route's validator compiled on its first request; `errors` passed through as ajv sets them.
 * Type coercion applies to the parts that arrive as text (query string, path parameters, headers)
 * and never to a JSON body: there `{"name": false}` is a wrong type to refuse, not the name "false".
 */
export function lazyValidatorFactory(): ValidatorFactory {
  const build = AjvCompiler();
  return (externalSchemas, options) => {
    const compileText = build(externalSchemas, options);
    const compileBody = build(externalSchemas, options?.mode === 'JTD' ? options : { ...options, customOptions: { ...options?.customOptions, coerceTypes: false } });
    return (route) => {
      let validate: ReturnType<typeof compileText> | undefined;
      const lazy = ((data: unknown) => {
        validate ??= route.httpPart === 'body' ? compileBody(route) : compileText(route);
        const valid = validate(data);
        lazy.errors = validate.errors;
        return valid;
      }) as ReturnType<typeof compileText>;
      return lazy;
    };
  };
}
