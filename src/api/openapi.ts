import { z } from 'zod';
import type { Route } from './route.ts';
import { ERROR_SCHEMA, META_SCHEMA, type JsonSchema } from './schemas.ts';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad parameter (the error names it)',
  404: 'Not found',
  503: 'Store unreachable, or the collection is empty',
};

/** The OpenAPI 3.1 document, from the routes' own zod schemas and the gold contract. */
export function openApiDocument(routes: readonly Route[], version: string): JsonSchema {
  const paths: Record<string, JsonSchema> = {};
  for (const route of routes) {
    const meta = route.meta
      ? { ...META_SCHEMA, properties: { ...(META_SCHEMA['properties'] as JsonSchema), ...route.meta } }
      : META_SCHEMA;
    const responses: Record<string, JsonSchema> = {
      200: {
        description: 'OK',
        content: {
          'application/json': {
            schema: { type: 'object', required: ['data', 'meta'], properties: { data: route.data, meta } },
          },
        },
      },
    };
    for (const status of route.errors) {
      responses[status] = {
        description: STATUS_TEXT[status] ?? 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    paths[route.path] = {
      get: {
        tags: [route.tag],
        summary: route.summary,
        ...(route.description ? { description: route.description } : {}),
        parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'electrolake API',
      version,
      description: 'Gold tables of the electrolake lake, served from MongoDB or the embedded store. Every answer is {"data": …, "meta": {…}}; errors are {"error": {"code", "message", "details"}}.',
    },
    paths,
    components: { schemas: { Error: ERROR_SCHEMA } },
  };
}

function parameters(schema: z.ZodObject | undefined, where: 'query' | 'path'): JsonSchema[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}
