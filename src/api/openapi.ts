import { z } from 'zod';
import { accessOf, MAX_PAGE } from './access.ts';
import type { Route } from './route.ts';
import { ERROR_SCHEMA, META_SCHEMA, type JsonSchema } from './schemas.ts';

/**
 * The OpenAPI 3.1 document, from the routes' own zod schemas, the gold
 * contract and the role table: every operation (the routes, `/me`,
 * `/openapi.json` and `/`), every status it can answer with its error body,
 * the bearer scheme and the role each operation needs.
 */
const ERROR_STATUSES: Record<number, string> = {
  400: 'Bad parameter, unknown parameter or a rule between parameters broken (the error names the parameter)',
  401: 'No token, or an unknown or revoked one (only when the server has tokens); WWW-Authenticate: Bearer',
  403: "The token's role may not call this endpoint",
  404: 'Not found',
  429: 'Too many requests for this token; Retry-After gives the seconds to wait',
  431: 'Request line or headers over 16 KiB',
  500: 'Unexpected server error (no stack trace, no path)',
  503: 'Store unreachable, over its time limit, or the data is not there yet (the error says what to run)',
};

const STATUSES_OF_EVERY_CALL = [400, 431, 500];
const STATUSES_WITH_A_TOKEN = [401, 403, 429];

export function openApiDocument(routes: readonly Route[], version: string): JsonSchema {
  const paths: Record<string, JsonSchema> = {};
  for (const route of routes) {
    const meta = route.meta
      ? { ...META_SCHEMA, properties: { ...(META_SCHEMA['properties'] as JsonSchema), ...route.meta } }
      : META_SCHEMA;
    paths[route.path] = operation(route.path, {
      tags: [route.tag],
      summary: route.summary,
      description: route.description,
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ok: { type: 'object', required: ['data', 'meta'], properties: { data: route.data, meta } },
      errors: route.errors,
    });
  }
  paths['/me'] = operation('/me', {
    tags: ['service'],
    summary: "The caller's token name and role (the dashboard shows the pages of the role)",
    parameters: [],
    ok: {
      type: 'object',
      required: ['data', 'meta'],
      properties: {
        data: {
          type: 'object',
          required: ['name', 'role', 'auth'],
          properties: { name: { type: 'string' }, role: { type: 'string', enum: ['viewer', 'sales', 'admin'] }, auth: { type: 'boolean' } },
        },
        meta: META_SCHEMA,
      },
    },
    errors: [],
  });
  paths['/openapi.json'] = operation('/openapi.json', {
    tags: ['service'],
    summary: 'This document',
    parameters: [],
    ok: { type: 'object', required: ['openapi', 'paths'] },
    errors: [],
  });
  paths['/'] = operation('/', {
    tags: ['service'],
    summary: 'The dashboard (text/html) when it is built, else the list of endpoints (JSON)',
    parameters: [],
    ok: { type: 'object', required: ['name', 'endpoints'] },
    html: true,
    errors: [],
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'electrolake API',
      version,
      description:
        'Gold tables of the electrolake lake, served from MongoDB or the embedded store. Every answer is {"data": …, "meta": {…}}; ' +
        'errors are {"error": {"code", "message", "details"}}. Read-only: GET and HEAD (and OPTIONS); any other method is 405 with Allow. ' +
        'When the server has tokens (electrolake token create), every operation but /health and / needs Authorization: Bearer <token>, ' +
        `and each says the role it needs (x-role): viewer < sales < admin. viewer answers carry no nom or email. Page size (limit) per role: ${JSON.stringify(MAX_PAGE)}.`,
    },
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a token from `electrolake token create` (elk_…)' } },
    },
  };
}

function operation(
  path: string,
  op: { tags: string[]; summary: string; description?: string | undefined; parameters: JsonSchema[]; ok: JsonSchema; errors: readonly number[]; html?: boolean },
): JsonSchema {
  const access = accessOf(path);
  const guarded = access.role !== 'public';
  const content: JsonSchema = { 'application/json': { schema: op.ok } };
  if (op.html) content['text/html'] = { schema: { type: 'string' } };
  const responses: Record<string, JsonSchema> = { 200: { description: 'OK', content } };
  const statuses = new Set([...op.errors, ...STATUSES_OF_EVERY_CALL, ...(guarded ? STATUSES_WITH_A_TOKEN : [])]);
  for (const status of [...statuses].sort()) {
    responses[status] = {
      description: ERROR_STATUSES[status] ?? 'Error',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      ...(status === 401 ? { headers: { 'WWW-Authenticate': { schema: { type: 'string' } } } } : {}),
      ...(status === 429 ? { headers: { 'Retry-After': { schema: { type: 'integer' } } } } : {}),
    };
  }
  const role = guarded ? `Role: ${access.role} or above.` : 'Public: no token needed.';
  const personal = access.personal ? ' Names and e-mails only for sales and admin; each such answer is written to the audit log.' : '';
  return {
    get: {
      tags: op.tags,
      summary: op.summary,
      description: [op.description, `${role}${personal}`].filter(Boolean).join('\n\n'),
      'x-role': access.role,
      security: guarded ? [{ bearer: [] }] : [],
      parameters: op.parameters,
      responses,
    },
  };
}

function parameters(schema: z.ZodType | undefined, where: 'query' | 'path'): JsonSchema[] {
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

